package io.oktaconnector.simulator.internal;

/** Group writes (phase 2). */
final class GroupWrites {
    private GroupWrites() {
    }

    static Reply create(Ctx c) {
        throw Api.notImplemented();
    }

    static Reply replace(Ctx c, String id) {
        throw Api.notImplemented();
    }

    static Reply delete(Ctx c, String id) {
        throw Api.notImplemented();
    }

    static Reply addMember(Ctx c, String g, String u) {
        throw Api.notImplemented();
    }

    static Reply removeMember(Ctx c, String g, String u) {
        throw Api.notImplemented();
    }
}
