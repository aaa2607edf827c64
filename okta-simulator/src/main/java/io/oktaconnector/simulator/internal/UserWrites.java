package io.oktaconnector.simulator.internal;

/** User writes and lifecycle (phase 2). */
final class UserWrites {
    private UserWrites() {
    }

    static Reply create(Ctx c) {
        throw Api.notImplemented();
    }

    static Reply update(Ctx c, String id, boolean partial) {
        throw Api.notImplemented();
    }

    static Reply delete(Ctx c, String id) {
        throw Api.notImplemented();
    }

    static Reply lifecycle(Ctx c, String id, String op) {
        throw Api.notImplemented();
    }
}
