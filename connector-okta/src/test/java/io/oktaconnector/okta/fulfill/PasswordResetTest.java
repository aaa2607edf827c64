package io.oktaconnector.okta.fulfill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oktaconnector.api.EntityMapping;
import io.oktaconnector.api.FulfillResult;
import io.oktaconnector.api.FulfillSummary;
import io.oktaconnector.api.PlannedCall;
import io.oktaconnector.api.ProgressListener;
import io.oktaconnector.api.ProvisioningState;
import io.oktaconnector.api.Secret;
import io.oktaconnector.okta.OktaConnector;
import io.oktaconnector.okta.PasswordNotice;
import io.oktaconnector.okta.PasswordNotifier;
import io.oktaconnector.okta.PasswordResetSettings;
import io.oktaconnector.okta.PasswordResetSettings.Mode;
import io.oktaconnector.okta.ProvisioningOrders;
import io.oktaconnector.okta.internal.fulfill.DeleteBudget;
import io.oktaconnector.okta.internal.fulfill.FulfillEngine;
import io.oktaconnector.okta.internal.fulfill.Passwords;
import io.oktaconnector.simulator.PasswordPolicy;
import io.oktaconnector.simulator.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Passwords on create and on reset orders, through {@link OktaConnector}'s public fulfill entry points against the
 * simulator: the password given by an order, generated or default ones (expired when MustChange, handed to the
 * notifier exactly once), Okta's own reset e-mail, the org's password policy, and no password anywhere it must not be.
 */
class PasswordResetTest extends SimTestBase {
    private static final String GIVEN = "Giv3n-by-the-order";
    private static final String DEFAULT = "Default-Pw-4471";

    @TempDir
    Path dir;

    /** Records what the host would have mailed. */
    static final class Recorder implements PasswordNotifier {
        final List<PasswordNotice> notices = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void deliver(PasswordNotice notice) {
            notices.add(notice);
        }
    }

    private final Recorder notifier = new Recorder();

    private static PasswordResetSettings generate(int length, int lower, int upper, int digit, int symbol,
                                                  boolean mustChange) {
        return new PasswordResetSettings(Mode.GENERATE, null, length, lower, upper, digit, symbol, mustChange, true);
    }

    private static PasswordResetSettings byDefault(boolean mustChange) {
        return new PasswordResetSettings(Mode.DEFAULT, Secret.of(DEFAULT), 16, 1, 1, 1, 1, mustChange, true);
    }

    /** Runs the orders as an orders file, the host's way, and returns the summary. */
    private FulfillSummary run(PasswordResetSettings reset, boolean dryRun, OrderJson... orders) throws IOException {
        Path file = Files.createDirectories(dir.resolve("orders")).resolve("orders-" + System.nanoTime() + ".json");
        Files.writeString(file, OrderJson.file(List.of(orders)));
        try (OktaConnector okta = OktaConnector.create(settings(sim).passwordReset(reset).build(), notifier)) {
            return okta.fulfill(file, dir.resolve("results.csv"), EntityMapping.DEFAULTS, dryRun,
                    ProgressListener.NONE);
        }
    }

    private static FulfillResult executed(FulfillSummary s, int i) {
        FulfillResult r = s.results().get(i);
        assertThat(r.state()).as(r.message()).isEqualTo(ProvisioningState.Executed);
        return r;
    }

    private List<RecordedRequest> calls(String method, String pathSuffix) {
        return sim.requests().matching(r -> r.method().equals(method) && r.path().endsWith(pathSuffix));
    }

    /** Every file the connector wrote under {@code dir} (results, journals; not the host's orders), as one text. */
    private String everythingWritten() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".json")).toList()) {
                all.append(Files.readString(p)).append('\n');
            }
        }
        return all.toString();
    }

    private static void noPasswordIn(FulfillSummary s, String... passwords) {
        for (String pw : passwords) {
            assertThat(s.results().toString()).doesNotContain(pw);
            assertThat(s.plan().toString()).doesNotContain(pw);
        }
    }

    @Test
    void aPasswordGivenByTheOrderIsSetAsGivenAndNotHandedBack() throws IOException {
        FulfillSummary s = run(PasswordResetSettings.DEFAULTS, false,
                newUser("1", "given@example.com").set("password", GIVEN),
                newUser("2", "given2@example.com").set("credentials.password.value", GIVEN + "2")
                        .set("PasswordReset", true));
        String id = executed(s, 0).resourceId();
        ObjectNode user = userByLogin("given@example.com");
        assertThat(user.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(user.path("id").asText()).isEqualTo(id);
        assertThat(sim.org().passwordMatches(id, GIVEN)).isTrue();
        // PasswordReset with a given password: set as given, expired when MustChange (on by default)
        String id2 = executed(s, 1).resourceId();
        assertThat(sim.org().passwordMatches(id2, GIVEN + "2")).isTrue();
        assertThat(userByLogin("given2@example.com").path("status").asText()).isEqualTo("PASSWORD_EXPIRED");
        assertThat(calls("POST", "/lifecycle/expire_password")).extracting(RecordedRequest::path)
                .containsExactly("/api/v1/users/" + id2 + "/lifecycle/expire_password");
        assertThat(notifier.notices).isEmpty();
        noPasswordIn(s, GIVEN);
        assertThat(everythingWritten()).doesNotContain(GIVEN).contains("1,Executed", "2,Executed");
    }

    @Test
    void generateModeMeetsTheCountsAndReachesTheNotifierOnceWithTheRightUser() throws IOException {
        FulfillSummary s = run(generate(20, 3, 4, 5, 2, false), false, newUser("7", "gen@example.com"),
                newUser("8", "gen2@example.com").set("status", "STAGED"));
        String id = executed(s, 0).resourceId();
        String stagedId = executed(s, 1).resourceId();
        assertThat(notifier.notices).hasSize(2);
        PasswordNotice n = notifier.notices.stream().filter(x -> x.assignmentId().equals("7")).findFirst().orElseThrow();
        assertThat(n.connectionId()).isEqualTo("OktaExportFulfillment");
        assertThat(n.userId()).isEqualTo(id);
        assertThat(n.login()).isEqualTo("gen@example.com");
        assertThat(n.mustChange()).isFalse();
        String pw = n.password().reveal();
        assertThat(pw).hasSize(20);
        assertThat(pw.chars().filter(Character::isLowerCase).count()).isGreaterThanOrEqualTo(3);
        assertThat(pw.chars().filter(Character::isUpperCase).count()).isGreaterThanOrEqualTo(4);
        assertThat(pw.chars().filter(Character::isDigit).count()).isGreaterThanOrEqualTo(5);
        assertThat(pw.chars().filter(c -> !Character.isLetterOrDigit(c)).count()).isGreaterThanOrEqualTo(2);
        assertThat(sim.org().passwordMatches(id, pw)).isTrue();
        assertThat(userByLogin("gen@example.com").path("status").asText()).isEqualTo("ACTIVE");

        PasswordNotice staged = notifier.notices.stream().filter(x -> x.assignmentId().equals("8")).findFirst()
                .orElseThrow();
        assertThat(staged.userId()).isEqualTo(stagedId);
        assertThat(staged.password().reveal()).isNotEqualTo(pw);
        assertThat(sim.org().passwordMatches(stagedId, staged.password().reveal())).isTrue();
        assertThat(userByLogin("gen2@example.com").path("status").asText()).isEqualTo("STAGED");
        assertThat(calls("POST", "/lifecycle/expire_password")).isEmpty();
        assertThat(s.results().get(0).message()).contains("password handed to the password notifier");
        noPasswordIn(s, pw, staged.password().reveal());
        assertThat(everythingWritten()).doesNotContain(pw).doesNotContain(staged.password().reveal());
    }

    @Test
    void mustChangeExpiresAGeneratedOrDefaultPasswordAfterActivation() throws IOException {
        FulfillSummary s = run(generate(16, 1, 1, 1, 1, true), false, newUser("1", "exp@example.com"));
        String id = executed(s, 0).resourceId();
        assertThat(userByLogin("exp@example.com").path("status").asText()).isEqualTo("PASSWORD_EXPIRED");
        assertThat(notifier.notices).singleElement().satisfies(n -> {
            assertThat(n.mustChange()).isTrue();
            assertThat(sim.org().passwordMatches(id, n.password().reveal())).isTrue();
        });
        // the order of the writes: create STAGED with the password, activate quietly, then expire
        assertThat(writes()).extracting(RecordedRequest::target).containsExactly(
                "/api/v1/users?activate=false",
                "/api/v1/users/" + id + "/lifecycle/activate?sendEmail=false",
                "/api/v1/users/" + id + "/lifecycle/expire_password");

        FulfillSummary d = run(byDefault(true), false, newUser("2", "dflt@example.com"));
        String id2 = executed(d, 0).resourceId();
        assertThat(userByLogin("dflt@example.com").path("status").asText()).isEqualTo("PASSWORD_EXPIRED");
        assertThat(sim.org().passwordMatches(id2, DEFAULT)).isTrue();
        assertThat(notifier.notices).hasSize(2).last().satisfies(n -> {
            assertThat(n.password().reveal()).isEqualTo(DEFAULT);
            assertThat(n.userId()).isEqualTo(id2);
        });
        noPasswordIn(d, DEFAULT);
        assertThat(everythingWritten()).doesNotContain(DEFAULT);
    }

    @Test
    void oktaEmailResetAsksOktaToMailTheLinkAndHoldsNoPassword() throws IOException {
        String u = user("ACTIVE");
        FulfillSummary s = run(PasswordResetSettings.DEFAULTS, false,
                OrderJson.modified("1", "User", u).set("PasswordReset", true));
        assertThat(executed(s, 0).message()).contains("Okta e-mailed a password reset link");
        assertThat(calls("POST", "/lifecycle/reset_password")).singleElement().satisfies(r -> {
            assertThat(r.path()).isEqualTo("/api/v1/users/" + u + "/lifecycle/reset_password");
            assertThat(r.query()).isEqualTo("sendEmail=true");
            assertThat(r.status()).isEqualTo(200);
        });
        assertThat(sim.org().user(u).orElseThrow().path("status").asText()).isEqualTo("RECOVERY");
        assertThat(writes()).hasSize(1);
        assertThat(notifier.notices).isEmpty();
    }

    @Test
    void aGenerateResetSetsThePasswordByPartialUpdateThenExpiresAndNotifies() throws IOException {
        String u = user("ACTIVE");
        FulfillSummary s = run(generate(14, 2, 2, 2, 2, true), false,
                OrderJson.modified("1", "User", u).set("PasswordReset", "true").set("profile.city", "Oslo"));
        executed(s, 0);
        assertThat(writes()).extracting(RecordedRequest::target).containsExactly("/api/v1/users/" + u,
                "/api/v1/users/" + u + "/lifecycle/expire_password");
        JsonNode body = OrderJson.JSON.readTree(writes().get(0).body());
        assertThat(body.at("/profile/city").asText()).isEqualTo("Oslo");
        PasswordNotice n = notifier.notices.get(0);
        assertThat(body.at("/credentials/password/value").asText()).isEqualTo(n.password().reveal());
        assertThat(notifier.notices).hasSize(1);
        assertThat(n.userId()).isEqualTo(u);
        assertThat(n.login()).isEqualTo(sim.org().user(u).orElseThrow().at("/profile/login").asText());
        assertThat(n.mustChange()).isTrue();
        assertThat(sim.org().passwordMatches(u, n.password().reveal())).isTrue();
        assertThat(sim.org().user(u).orElseThrow().path("status").asText()).isEqualTo("PASSWORD_EXPIRED");
        noPasswordIn(s, n.password().reveal());
        assertThat(everythingWritten()).doesNotContain(n.password().reveal());
    }

    @Test
    void oktasPasswordPolicyRefusalIsAnErroredResultWithOktasReason() throws IOException {
        sim.org().setPasswordPolicy(new PasswordPolicy(24, true, true, true, true));
        String u = user("ACTIVE");
        FulfillSummary s = run(generate(12, 1, 1, 1, 1, true), false, newUser("1", "weak@example.com"),
                OrderJson.modified("2", "User", u).set("PasswordReset", true),
                newUser("3", "weak3@example.com").set("password", GIVEN));
        for (FulfillResult r : s.results()) {
            assertThat(r.state()).isEqualTo(ProvisioningState.Errored);
            assertThat(r.message()).contains("E0000001", "Api validation failed: password",
                    "password: Password requirements were not met. Password requirements: at least 24 characters");
        }
        assertThat(sim.org().user("weak@example.com")).isEmpty();
        assertThat(sim.org().user(u).orElseThrow().path("status").asText()).isEqualTo("ACTIVE");
        assertThat(notifier.notices).isEmpty();
        assertThat(calls("POST", "/lifecycle/expire_password")).isEmpty();
        noPasswordIn(s, GIVEN);
        assertThat(everythingWritten()).doesNotContain(GIVEN).contains("1,Errored", "2,Errored", "3,Errored");
    }

    @Test
    void aDryRunMasksThePasswordsSendsNothingAndNotifiesNobody() throws IOException {
        String u = user("ACTIVE");
        FulfillSummary s = run(byDefault(true), true, newUser("1", "dry@example.com"),
                OrderJson.modified("2", "User", u).set("PasswordReset", true),
                newUser("3", "dry3@example.com").set("password", GIVEN));
        assertThat(s.results()).allSatisfy(r -> assertThat(r.message()).startsWith("dry run"));
        assertThat(s.plan()).extracting(p -> p.method() + " " + p.target()).containsExactly(
                "POST /api/v1/users?activate=false",
                "POST /api/v1/users/{new}/lifecycle/activate?sendEmail=false",
                "POST /api/v1/users/{new}/lifecycle/expire_password",
                "POST /api/v1/users/" + u,
                "POST /api/v1/users/" + u + "/lifecycle/expire_password",
                "POST /api/v1/users?activate=false",
                "POST /api/v1/users/{new}/lifecycle/activate?sendEmail=false");
        List<String> bodies = s.plan().stream().map(PlannedCall::body).filter(b -> b.contains("password")).toList();
        assertThat(bodies).hasSize(3).allSatisfy(b -> assertThat(b).contains("\"password\":{\"value\":\"[hidden]\"}"));
        assertThat(s.results().get(0).message()).contains("the password would be handed to the password notifier");
        noPasswordIn(s, DEFAULT, GIVEN);
        assertThat(writes()).isEmpty();
        assertThat(notifier.notices).isEmpty();
    }

    @Test
    void aFailingNotifierIsAnErroredResultThatQuotesNoPassword() throws IOException {
        PasswordNotifier failing = notice -> {
            throw new IllegalStateException("mail server refused " + notice.password().reveal());
        };
        Path file = Files.createDirectories(dir.resolve("orders")).resolve("a.json");
        Files.writeString(file, OrderJson.file(List.of(newUser("1", "fail@example.com"))));
        FulfillSummary s;
        try (OktaConnector okta = OktaConnector.create(settings(sim).passwordReset(byDefault(false)).build(),
                failing)) {
            s = okta.fulfill(file, dir.resolve("results.csv"), EntityMapping.DEFAULTS, false, ProgressListener.NONE);
        }
        FulfillResult r = s.results().get(0);
        assertThat(r.state()).isEqualTo(ProvisioningState.Errored);
        assertThat(r.message()).contains("password notifier failed (java.lang.IllegalStateException)",
                "send a password reset order").doesNotContain(DEFAULT);
        assertThat(sim.org().passwordMatches(r.resourceId(), DEFAULT)).isTrue();
        assertThat(everythingWritten()).doesNotContain(DEFAULT);
    }

    @Test
    void withNotificationsDisabledTheNotifierHearsNothing() throws IOException {
        PasswordResetSettings quiet = new PasswordResetSettings(Mode.GENERATE, null, 16, 1, 1, 1, 1, false, false);
        FulfillSummary s = run(quiet, false, newUser("1", "quiet@example.com"));
        assertThat(executed(s, 0).message()).contains("notifications are disabled");
        assertThat(notifier.notices).isEmpty();
        assertThat(userByLogin("quiet@example.com").path("status").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void aResumedCreateSetsTheNewlyChosenPasswordOnTheUserTheInterruptedRunLeft() {
        PasswordResetSettings reset = generate(16, 1, 1, 1, 1, false);
        Passwords passwords = new Passwords("OktaExportFulfillment", reset, notifier);
        OrderJson order = newUser("1", "resumed@example.com");
        List<FulfillResult> first = engine(passwords, order, false);
        List<FulfillResult> again = engine(passwords, order, true);
        assertThat(first.get(0).state()).isEqualTo(ProvisioningState.Executed);
        assertThat(again.get(0).state()).as(again.get(0).message()).isEqualTo(ProvisioningState.Executed);
        assertThat(again.get(0).message()).contains("taken as created by the interrupted run", "set the password");
        assertThat(again.get(0).resourceId()).isEqualTo(first.get(0).resourceId());
        assertThat(notifier.notices).hasSize(2);
        String id = first.get(0).resourceId();
        assertThat(sim.org().passwordMatches(id, notifier.notices.get(0).password().reveal())).isFalse();
        assertThat(sim.org().passwordMatches(id, notifier.notices.get(1).password().reveal())).isTrue();
    }

    private List<FulfillResult> engine(Passwords passwords, OrderJson order, boolean resumed) {
        ProvisioningOrders parsed = ProvisioningOrders.parse(OrderJson.file(List.of(order)), "t.json",
                EntityMapping.DEFAULTS);
        List<FulfillEngine.Item> items = parsed.entries().stream().map(e -> new FulfillEngine.Item(e.index(), e,
                resumed)).toList();
        return new FulfillEngine(wire, EntityMapping.DEFAULTS, settings, passwords).run(items, false,
                new DeleteBudget(settings.fulfill().maxDeletesPerRun()), (item, result) -> { }).results();
    }

    @Test
    void aPasswordResetFlagMustBeABoolean() throws IOException {
        FulfillSummary s = run(PasswordResetSettings.DEFAULTS, false,
                OrderJson.modified("1", "User", user("ACTIVE")).set("passwordreset", "soon"),
                OrderJson.modified("2", "User", user("ACTIVE")).set("PasswordReset", false));
        assertThat(s.results().get(0).state()).isEqualTo(ProvisioningState.Errored);
        assertThat(s.results().get(0).message()).contains("passwordreset must be true or false");
        assertThat(executed(s, 1).message()).contains("nothing to change");
        assertThat(writes()).isEmpty();
        assertThatThrownBy(() -> OktaConnector.create(settings(sim).build(), null))
                .isInstanceOf(NullPointerException.class);
    }
}
