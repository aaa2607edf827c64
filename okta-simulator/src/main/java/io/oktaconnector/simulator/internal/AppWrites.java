package io.oktaconnector.simulator.internal;

/** App writes (phase 2). */
final class AppWrites {
    private AppWrites() {
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

    static Reply lifecycle(Ctx c, String id, String op) {
        throw Api.notImplemented();
    }

    static Reply assign(Ctx c, String app, String group) {
        throw Api.notImplemented();
    }

    static Reply unassign(Ctx c, String app, String group) {
        throw Api.notImplemented();
    }
}
