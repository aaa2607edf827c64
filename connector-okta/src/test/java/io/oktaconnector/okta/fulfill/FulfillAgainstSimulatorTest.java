package io.oktaconnector.okta.fulfill;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oktaconnector.api.ChangeType;
import io.oktaconnector.api.FulfillResult;
import io.oktaconnector.api.PlannedCall;
import io.oktaconnector.api.ProvisioningState;
import io.oktaconnector.okta.UserDeleteMode;
import io.oktaconnector.simulator.FaultRule;
import io.oktaconnector.simulator.RecordedRequest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FulfillAgainstSimulatorTest extends SimTestBase {

    private static void executed(FulfillResult r) {
        assertThat(r.state()).as(r.message()).isEqualTo(ProvisioningState.Executed);
    }

    @Test
    void userIsCreatedUpdatedSuspendedReactivatedAndDeleted() {
        settings = settings.toBuilder().userDeleteMode(UserDeleteMode.DEACTIVATE_AND_DELETE).build();
        String g1 = group("OKTA_GROUP", 0);
        List<FulfillResult> r = fulfill(newUser("1", "ada@example.com").set("password", "Corr3ct-Horse!")
                .set("profile.city", "London").set("profile.badgeNumber", 7).link("Groups_add", g1));
        executed(r.get(0));
        ObjectNode u = userByLogin("ada@example.com");
        String id = u.path("id").asText();
        assertThat(r.get(0).resourceId()).isEqualTo(id);
        assertThat(r.get(0).changeType()).isEqualTo(ChangeType.Added);
        assertThat(u.path("status").asText()).isEqualTo("ACTIVE"); // a password: activation makes it ACTIVE
        assertThat(u.path("profile").path("badgeNumber").asInt()).isEqualTo(7);
        assertThat(sim.org().isMember(g1, id)).isTrue();
        // the activation e-mail is off by default: created STAGED, activated with sendEmail=false
        assertThat(writes()).extracting(RecordedRequest::target).containsExactly(
                "/api/v1/users?activate=false", "/api/v1/users/" + id + "/lifecycle/activate?sendEmail=false");
        assertThat(writes().get(0).body()).contains("Corr3ct-Horse!");
        assertThat(last.plan().get(0).body()).doesNotContain("Corr3ct-Horse!").contains("[hidden]");

        r = fulfill(OrderJson.modified("2", "User", id).set("profile.city", null).set("profile.title", "Countess")
                        .set("status", "SUSPENDED"),
                OrderJson.modified("3", "User", id).set("status", "ACTIVE"),
                OrderJson.modified("4", "User", id).set("status", "DEPROVISIONED"));
        r.forEach(FulfillAgainstSimulatorTest::executed);
        u = userByLogin("ada@example.com");
        assertThat(u.path("profile").path("city").isNull()).isTrue();
        assertThat(u.path("profile").path("title").asText()).isEqualTo("Countess");
        assertThat(u.path("profile").path("firstName").asText()).isEqualTo("Ada"); // partial update kept the rest
        assertThat(u.path("status").asText()).isEqualTo("DEPROVISIONED");
        assertThat(r.get(0).message()).contains("suspended (was ACTIVE)");
        assertThat(r.get(1).message()).contains("unsuspended (was SUSPENDED)");

        r = fulfill(OrderJson.modified("5", "User", id).set("status", "ACTIVE").set("profile.city", "Paris"),
                OrderJson.deleted("6", "User", id));
        executed(r.get(0));
        assertThat(r.get(0).message()).contains("activated (was DEPROVISIONED)");
        executed(r.get(1));
        assertThat(r.get(1).message()).contains("deactivated").contains("deleted");
        assertThat(sim.org().user(id)).isEmpty();
    }

    @Test
    void userStatusFromEveryStartingPoint() {
        String staged = user("STAGED");
        String locked = user("LOCKED_OUT");
        String provisioned = user("PROVISIONED");
        String suspended = user("SUSPENDED");
        List<FulfillResult> r = fulfill(
                OrderJson.modified("1", "User", staged).set("status", "SUSPENDED"),
                OrderJson.modified("2", "User", locked).set("status", "ACTIVE"),
                OrderJson.modified("3", "User", provisioned).set("status", "SUSPENDED"),
                OrderJson.modified("4", "User", suspended).set("status", "STAGED"),
                OrderJson.modified("5", "User", provisioned).set("status", "ACTIVE"));
        // STAGED without a password: activation leaves it PROVISIONED, which Okta cannot suspend
        assertThat(r.get(0).state()).isEqualTo(ProvisioningState.Errored);
        assertThat(r.get(0).message()).contains("suspends only ACTIVE users").contains("PROVISIONED")
                .contains("done before the failure: activated (was STAGED)");
        assertThat(sim.org().user(staged).orElseThrow().path("status").asText()).isEqualTo("PROVISIONED");
        executed(r.get(1));
        assertThat(sim.org().user(locked).orElseThrow().path("status").asText()).isEqualTo("ACTIVE");
        assertThat(r.get(2).state()).isEqualTo(ProvisioningState.Errored);
        assertThat(r.get(3).message()).contains("cannot return a SUSPENDED user to STAGED");
        executed(r.get(4));
        assertThat(r.get(4).message()).contains("already activated");
    }

    @Test
    void groupIsCreatedChangedWithoutLosingAttributesLinkedAndDeleted() {
        String u1 = user("ACTIVE");
        String u2 = user("SUSPENDED");
        String app = app("ACTIVE", 0);
        List<FulfillResult> r = fulfill(OrderJson.added("1", "Group").set("profile.name", "Pilots")
                .set("profile.description", "fly").set("profile.groupContact", "ops@example.com")
                .link("Users_add", u1, u2).link("Applications_add", app));
        executed(r.get(0));
        String g = r.get(0).resourceId();
        assertThat(sim.org().groupMemberIds(g)).containsExactlyInAnyOrder(u1, u2);
        assertThat(sim.org().appGroupAssignments(app).map(a -> a.path("id").asText())).contains(g);

        r = fulfill(OrderJson.modified("2", "Group", g).set("profile.description", "fly high")
                .link("Users_remove", u2).link("Users_add", u1).link("Applications_remove", app));
        executed(r.get(0));
        ObjectNode group = sim.org().group(g).orElseThrow();
        assertThat(group.path("profile").path("description").asText()).isEqualTo("fly high");
        assertThat(group.path("profile").path("groupContact").asText()).isEqualTo("ops@example.com");
        assertThat(group.path("profile").path("name").asText()).isEqualTo("Pilots");
        assertThat(sim.org().groupMemberIds(g)).containsExactly(u1);
        assertThat(sim.org().appGroupAssignments(app).map(a -> a.path("id").asText())).doesNotContain(g);
        assertThat(r.get(0).message()).contains("already members: " + u1);

        r = fulfill(OrderJson.deleted("3", "Group", g), OrderJson.deleted("4", "Group", g));
        executed(r.get(0));
        executed(r.get(1));
        assertThat(r.get(1).message()).contains("not found: nothing to delete");
        assertThat(sim.org().group(g)).isEmpty();
    }

    @Test
    void appsAreCreatedUpdatedDeactivatedAssignedAndDeleted() {
        String g1 = group("OKTA_GROUP", 0);
        String g2 = group("OKTA_GROUP", 1);
        List<FulfillResult> r = fulfill(
                OrderJson.added("1", "Application").set("label", "Wiki").set("signOnMode", "BOOKMARK")
                        .set("name", "bookmark").set("settings.app.url", "https://wiki.example.com")
                        .set("settings.app.requestIntegration", false).link("Groups_add", g1),
                OrderJson.added("2", "Application").set("label", "Payroll (SWA)").set("signOnMode", "BROWSER_PLUGIN")
                        .set("settings.app.url", "https://payroll.example.com/login")
                        .set("settings.app.usernameField", "#user").set("settings.app.passwordField", "#pass")
                        .set("status", "INACTIVE"));
        executed(r.get(0));
        executed(r.get(1));
        String wiki = r.get(0).resourceId();
        String swa = r.get(1).resourceId();
        ObjectNode a = sim.org().app(wiki).orElseThrow();
        assertThat(a.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(a.path("settings").path("app").path("url").asText()).isEqualTo("https://wiki.example.com");
        assertThat(sim.org().appGroupAssignments(wiki).map(x -> x.path("id").asText())).containsExactly(g1);
        assertThat(sim.org().app(swa).orElseThrow().path("status").asText()).isEqualTo("INACTIVE");

        r = fulfill(OrderJson.modified("3", "Application", wiki).set("label", "Wiki 2")
                        .set("settings.app.url", "https://wiki2.example.com").link("Groups_add", g2)
                        .link("Groups_remove", g1).set("status", "INACTIVE"),
                OrderJson.modified("4", "Application", swa).set("status", "ACTIVE"));
        executed(r.get(0));
        executed(r.get(1));
        a = sim.org().app(wiki).orElseThrow();
        assertThat(a.path("label").asText()).isEqualTo("Wiki 2");
        assertThat(a.path("settings").path("app").path("url").asText()).isEqualTo("https://wiki2.example.com");
        assertThat(a.path("settings").path("app").path("requestIntegration").asBoolean(true)).isFalse();
        assertThat(a.path("status").asText()).isEqualTo("INACTIVE");
        assertThat(sim.org().appGroupAssignments(wiki).map(x -> x.path("id").asText())).containsExactly(g2);
        assertThat(sim.org().app(swa).orElseThrow().path("status").asText()).isEqualTo("ACTIVE");

        // an ACTIVE app is deactivated first: Okta deletes only INACTIVE apps
        r = fulfill(OrderJson.deleted("5", "Application", swa), OrderJson.deleted("6", "Application", wiki));
        executed(r.get(0));
        assertThat(r.get(0).message()).isEqualTo("deactivated; deleted");
        executed(r.get(1));
        assertThat(sim.org().app(swa)).isEmpty();
        assertThat(sim.org().app(wiki)).isEmpty();
    }

    @Test
    void repeatedLinkChangesAreExecutedWithANoteAndSendNothing() {
        String g = group("OKTA_GROUP", 0);
        String u = user("ACTIVE");
        sim.org().addMember(g, u);
        String other = group("OKTA_GROUP", 1);
        sim.org().removeMember(other, u);
        sim.requests().clear();
        List<FulfillResult> r = fulfill(OrderJson.modified("1", "User", u).link("Groups_add", g)
                .link("Groups_remove", other), OrderJson.deleted("2", "User", "00uNoSuchUser0000000"));
        executed(r.get(0));
        assertThat(r.get(0).message()).contains("already in group " + g).contains("not in group " + other);
        executed(r.get(1));
        assertThat(r.get(1).message()).contains("not found: nothing to delete");
        assertThat(writes()).isEmpty();
    }

    @Test
    void oktaRefusalsBecomeErroredRowsWithOktasReason() {
        String deprovisioned = user("DEPROVISIONED");
        String appGroup = group("APP_GROUP", 0);
        String everyone = group("BUILT_IN", 0);
        String active = user("ACTIVE");
        String existingLogin = sim.org().user(active).orElseThrow().path("profile").path("login").asText();
        String app = app("ACTIVE", 0);
        sim.org().removeMember(appGroup, active);
        // the deactivation "succeeds" without effect, so the DELETE meets Okta's own rule
        sim.faults().add(FaultRule.on("POST", "/api/v1/apps/*/lifecycle/deactivate").status(200));
        List<FulfillResult> r = fulfill(
                newUser("1", existingLogin),
                OrderJson.modified("2", "User", deprovisioned).set("profile.title", "x"),
                OrderJson.modified("3", "Group", appGroup).set("profile.description", "x"),
                OrderJson.modified("4", "User", active).link("Groups_add", appGroup),
                OrderJson.modified("5", "Group", everyone).link("Users_add", active),
                OrderJson.deleted("6", "Application", app));
        r.forEach(x -> assertThat(x.state()).as(x.message()).isEqualTo(ProvisioningState.Errored));
        assertThat(r.get(0).message()).contains("exists already (" + active + ")")
                .contains("An object with this field already exists").contains("X-Okta-Request-Id");
        assertThat(r.get(1).message()).contains("E0000038")
                .contains("This operation is not allowed in the user's current status");
        assertThat(r.get(2).message()).contains("is APP_GROUP").contains("only OKTA_GROUP");
        assertThat(r.get(3).message()).contains("managed by their application");
        assertThat(r.get(4).message()).contains("BUILT_IN");
        assertThat(r.get(5).message()).contains("E0000056").contains("must be deactivated before deletion");
        assertThat(r.get(0).resourceId()).isNull();
        assertThat(r.get(1).resourceId()).isEqualTo(deprovisioned);
    }

    @Test
    void anAmbiguousCreateNeverMakesTwoObjects() {
        sim.faults().add(FaultRule.on("POST", "/api/v1/users").times(1).ambiguousWrite());
        sim.faults().add(FaultRule.on("POST", "/api/v1/groups").times(1).ambiguousWrite());
        sim.faults().add(FaultRule.on("POST", "/api/v1/apps").times(1).ambiguousWrite());
        long users = sim.org().userCount();
        List<FulfillResult> r = fulfill(newUser("1", "bob@example.com"),
                OrderJson.added("2", "Group").set("profile.name", "Bobs"),
                OrderJson.added("3", "Application").set("label", "Bob's wiki").set("signOnMode", "BOOKMARK")
                        .set("settings.app.url", "https://b.example.com"));
        r.forEach(FulfillAgainstSimulatorTest::executed);
        assertThat(r.get(0).message()).contains("was found, so it was not created again");
        assertThat(sim.org().userCount()).isEqualTo(users + 1);
        assertThat(r.get(0).resourceId()).isEqualTo(userByLogin("bob@example.com").path("id").asText());
        assertThat(sim.requests().count(q -> q.method().equals("POST") && q.path().equals("/api/v1/users")))
                .isEqualTo(1);
        // and it still was activated
        assertThat(userByLogin("bob@example.com").path("status").asText()).isEqualTo("PROVISIONED");
        assertThat(sim.org().groups().filter(g -> g.path("profile").path("name").asText().equals("Bobs"))).hasSize(1);
        assertThat(sim.org().apps().filter(a -> a.path("label").asText().equals("Bob's wiki"))).hasSize(1);
        assertThat(sim.requests().count(q -> q.method().equals("POST") && q.path().equals("/api/v1/groups")))
                .isEqualTo(1);
        assertThat(sim.requests().count(q -> q.method().equals("POST") && q.path().equals("/api/v1/apps")))
                .isEqualTo(1);
    }

    @Test
    void aCreateAnsweredWithoutAnyBodyIsLookedUpForItsIdNotSentAgain() {
        sim.faults().add(FaultRule.on("POST", "/api/v1/users").times(1).emptyBody());
        sim.faults().add(FaultRule.on("POST", "/api/v1/groups").times(1).emptyBody());
        sim.faults().add(FaultRule.on("POST", "/api/v1/apps").times(1).emptyBody());
        long users = sim.org().userCount();
        List<FulfillResult> r = fulfill(newUser("1", "mute@example.com"),
                OrderJson.added("2", "Group").set("profile.name", "Mutes"),
                OrderJson.added("3", "Application").set("label", "Mute wiki").set("signOnMode", "BOOKMARK")
                        .set("settings.app.url", "https://m.example.com"));
        r.forEach(FulfillAgainstSimulatorTest::executed);
        assertThat(sim.org().userCount()).isEqualTo(users + 1);
        assertThat(r.get(0).resourceId()).isEqualTo(userByLogin("mute@example.com").path("id").asText());
        assertThat(r.get(0).message()).contains("the answer to the create was lost")
                .contains("was found, so it was not created again");
        List<ObjectNode> groups = sim.org().groups().filter(g -> g.path("profile").path("name").asText()
                .equals("Mutes")).toList();
        assertThat(groups).hasSize(1);
        assertThat(r.get(1).resourceId()).isEqualTo(groups.get(0).path("id").asText());
        List<ObjectNode> apps = sim.org().apps().filter(a -> a.path("label").asText().equals("Mute wiki")).toList();
        assertThat(apps).hasSize(1);
        assertThat(r.get(2).resourceId()).isEqualTo(apps.get(0).path("id").asText());
        for (String path : List.of("/api/v1/users", "/api/v1/groups", "/api/v1/apps")) {
            assertThat(sim.requests().count(q -> q.method().equals("POST") && q.path().equals(path))).as(path)
                    .isEqualTo(1);
        }
    }

    @Test
    void aCreateAnsweredWithACutOrBrokenBodyIsLookedUpNotSentAgain() {
        // Okta keeps app labels not unique: a second POST would make a second app
        sim.faults().add(FaultRule.on("POST", "/api/v1/apps").times(1).truncatedBody());
        sim.faults().add(FaultRule.on("POST", "/api/v1/users").times(1).malformedJson());
        long users = sim.org().userCount();
        List<FulfillResult> r = fulfill(newUser("1", "cut@example.com"),
                OrderJson.added("2", "Application").set("label", "Cut wiki").set("signOnMode", "BOOKMARK")
                        .set("settings.app.url", "https://c.example.com"));
        r.forEach(FulfillAgainstSimulatorTest::executed);
        assertThat(sim.org().userCount()).isEqualTo(users + 1);
        assertThat(r.get(0).resourceId()).isEqualTo(userByLogin("cut@example.com").path("id").asText());
        List<ObjectNode> apps = sim.org().apps()
                .filter(a -> a.path("label").asText().equals("Cut wiki")).toList();
        assertThat(apps).hasSize(1);
        assertThat(r.get(1).resourceId()).isEqualTo(apps.get(0).path("id").asText());
        assertThat(sim.requests().count(q -> q.method().equals("POST") && q.path().equals("/api/v1/apps")))
                .isEqualTo(1);
        assertThat(sim.requests().count(q -> q.method().equals("POST") && q.path().equals("/api/v1/users")))
                .isEqualTo(1);
    }

    @Test
    void aCreateAnsweredWithAServerErrorIsLookedUpBeforeItIsSentAgain() {
        sim.faults().add(FaultRule.on("POST", "/api/v1/apps").times(1).status(500));
        sim.faults().add(FaultRule.on("POST", "/api/v1/users").times(1).status(502));
        sim.faults().add(FaultRule.on("POST", "/api/v1/groups").times(1).status(503));
        List<FulfillResult> r = fulfill(newUser("1", "five@example.com"),
                OrderJson.added("2", "Group").set("profile.name", "Fives"),
                OrderJson.added("3", "Application").set("label", "Five wiki").set("signOnMode", "BOOKMARK")
                        .set("settings.app.url", "https://f.example.com"));
        r.forEach(FulfillAgainstSimulatorTest::executed);
        assertThat(sim.org().users().filter(u -> u.path("profile").path("login").asText()
                .equals("five@example.com"))).hasSize(1);
        assertThat(sim.org().groups().filter(g -> g.path("profile").path("name").asText().equals("Fives"))).hasSize(1);
        assertThat(sim.org().apps().filter(a -> a.path("label").asText().equals("Five wiki"))).hasSize(1);
        // the simulator's 5xx applies nothing: looked up, not found, sent once more
        assertThat(sim.requests().count(q -> q.method().equals("POST") && q.path().equals("/api/v1/apps")))
                .isEqualTo(2);
        assertThat(sim.requests().count(q -> q.method().equals("GET") && q.path().equals("/api/v1/apps")))
                .isPositive();
        assertThat(sim.requests().count(q -> q.method().equals("POST") && q.path().equals("/api/v1/users")))
                .isEqualTo(2);
    }

    @Test
    void aCreateWhoseRequestNeverArrivedIsSentAgainOnce() {
        sim.faults().add(FaultRule.on("POST", "/api/v1/users").times(1).resetBeforeBody());
        List<FulfillResult> r = fulfill(newUser("1", "carl@example.com"));
        executed(r.get(0));
        assertThat(sim.requests().count(q -> q.method().equals("POST") && q.path().equals("/api/v1/users")))
                .isEqualTo(2);
        assertThat(sim.org().users().filter(u -> u.path("profile").path("login").asText()
                .equals("carl@example.com"))).hasSize(1);
    }

    @Test
    void dryRunPlansEverythingAndSendsNoWrite() {
        settings = settings.toBuilder().userDeleteMode(UserDeleteMode.DEACTIVATE_AND_DELETE).build();
        String u = user("ACTIVE");
        String g = group("OKTA_GROUP", 0);
        String app = app("ACTIVE", 0);
        List<FulfillResult> r = run(true,
                newUser("1", "dry@example.com").set("password", "Sup3r-secret").link("Groups_add", g),
                OrderJson.modified("2", "User", u).set("status", "SUSPENDED").set("profile.city", "Rome"),
                OrderJson.added("3", "Group").set("profile.name", "Dry").link("Users_add", u),
                OrderJson.deleted("4", "Application", app),
                OrderJson.deleted("5", "User", u));
        r.forEach(FulfillAgainstSimulatorTest::executed);
        assertThat(writes()).isEmpty();
        assertThat(r.get(0).message()).startsWith("dry run, nothing sent: created user dry@example.com");
        List<String> plan = last.plan().stream().map(c -> c.assignmentId() + " " + c.method() + " " + c.target())
                .toList();
        assertThat(plan).containsExactly(
                "1 POST /api/v1/users?activate=false",
                "1 POST /api/v1/users/{new}/lifecycle/activate?sendEmail=false",
                "2 POST /api/v1/users/" + u,
                "2 POST /api/v1/users/" + u + "/lifecycle/suspend",
                "3 POST /api/v1/groups",
                "3 PUT /api/v1/groups/{new}/users/" + u,
                "4 POST /api/v1/apps/" + app + "/lifecycle/deactivate",
                "4 DELETE /api/v1/apps/" + app,
                "5 POST /api/v1/users/" + u + "/lifecycle/deactivate?sendEmail=false",
                "5 DELETE /api/v1/users/" + u + "?sendEmail=false");
        assertThat(last.plan().stream().map(PlannedCall::body)).noneMatch(b -> b.contains("Sup3r-secret"));
        assertThat(last.plan().get(0).body()).contains("\"password\":{\"value\":\"[hidden]\"}");
    }

    @Test
    void theDeleteCapStopsDestructiveOrdersPastIt() {
        settings = settings.toBuilder().fulfill(settings.fulfill().withMaxDeletesPerRun(2)).maxConcurrency(1).build();
        List<String> ids = sim.org().users().filter(u -> u.path("status").asText().equals("ACTIVE")).limit(3)
                .map(u -> u.path("id").asText()).toList();
        List<FulfillResult> r = fulfill(OrderJson.deleted("1", "User", ids.get(0)),
                OrderJson.modified("2", "User", ids.get(1)).set("status", "DEPROVISIONED"),
                OrderJson.deleted("3", "User", ids.get(2)),
                OrderJson.modified("4", "User", ids.get(2)).set("profile.title", "still fine"));
        executed(r.get(0));
        executed(r.get(1));
        assertThat(r.get(2).state()).isEqualTo(ProvisioningState.Errored);
        assertThat(r.get(2).message()).contains("MaxDeletesPerRun (2)");
        executed(r.get(3));
        assertThat(sim.org().user(ids.get(2)).orElseThrow().path("status").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void malformedOrdersGetOneErroredResultEachInPlace() {
        ObjectNode unknownChange = OrderJson.modified("2", "User", "00u1").node().put("ChangeType", "Renamed");
        List<FulfillResult> r = run(false, newUser("1", "m1@example.com"),
                OrderJson.modified("x", "User", "00u1"),
                OrderJson.added("3", "User").set("profile.city", "no login"),
                OrderJson.modified("4", "Group", group("OKTA_GROUP", 0)).link("Apps_add", "0oa1"));
        executed(r.get(0));
        assertThat(r.subList(2, 4)).allSatisfy(x -> assertThat(x.state()).isEqualTo(ProvisioningState.Errored));
        assertThat(r.get(2).message()).contains("needs profile.login");
        assertThat(r.get(3).message()).contains("unknown navigation \"Apps\"");
        assertThat(r.get(1).message()).isEqualTo("nothing to change");
        assertThat(unknownChange.path("ChangeType").asText()).isEqualTo("Renamed");
    }

    @Test
    void addingAnExistingLoginCanAdoptTheUserWhenTheSettingSaysSo() {
        settings = settings.toBuilder().fulfill(settings.fulfill().withAdoptExistingOnCreate(true)).build();
        String id = user("ACTIVE");
        String login = sim.org().user(id).orElseThrow().path("profile").path("login").asText();
        String g = group("OKTA_GROUP", 2);
        sim.org().removeMember(g, id);
        List<FulfillResult> r = fulfill(newUser("1", login).set("profile.title", "Adopted").link("Groups_add", g));
        executed(r.get(0));
        assertThat(r.get(0).resourceId()).isEqualTo(id);
        assertThat(r.get(0).message()).contains("adopted the existing user " + id);
        assertThat(sim.org().user(id).orElseThrow().path("profile").path("title").asText()).isEqualTo("Adopted");
        assertThat(sim.org().isMember(g, id)).isTrue();
        assertThat(Map.of()).isEmpty();
    }
}
