package io.oktaconnector.okta.internal.settings;

import io.oktaconnector.api.ConnectionIds;
import io.oktaconnector.api.Problem;
import io.oktaconnector.api.Secret;
import io.oktaconnector.okta.OktaSettings;
import io.oktaconnector.okta.internal.auth.PrivateKeys;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** The offline rules of {@link OktaSettings}: every problem at once, each naming its settings key. */
public final class SettingsChecks {

    static final int MAX_PAGE_SIZE = 1000;
    static final int MAX_CONCURRENCY = 64;
    /** The longest run timeout: a week. */
    static final long MAX_RUN_MINUTES = 7 * 24 * 60;
    static final Duration MIN_TIMEOUT = Duration.ofSeconds(1);
    static final Duration MAX_TIMEOUT = Duration.ofHours(1);
    /** The longest wait for another run in the output folder: a day. */
    static final long MAX_LOCK_WAIT_SECONDS = 24 * 60 * 60;
    static final int MAX_RESPONSE_MEGABYTES = 1024;
    static final long MAX_OBJECTS_PER_LIST = 2_000_000_000L;

    private SettingsChecks() {
    }

    /**
     * @param s the settings
     * @return every problem, empty when valid
     */
    public static List<Problem> problems(OktaSettings s) {
        return problems(s, key -> false);
    }

    /**
     * @param s      the settings
     * @param hidden whether the value of a key (e.g. {@code Connections.Okta.Server}) came from a secret reference or
     *               the protected file: such a value is never quoted ({@link SettingsValues})
     * @return every problem, empty when valid
     */
    public static List<Problem> problems(OktaSettings s, Predicate<String> hidden) {
        List<Problem> problems = new ArrayList<>(ConnectionIds.problems(s.connectionId()));
        String prefix = keyPrefix(s.connectionId());
        serverProblems(prefix, s.server(), s.allowInsecureHttp(), hidden.test(prefix + "Server"), problems);
        authProblems(prefix, s, problems);
        CredentialChecks.problems(prefix, s, hidden, problems);
        s.pageSize().ifPresent(p -> {
            if (p < 1 || p > MAX_PAGE_SIZE) {
                problems.add(new Problem(prefix + "PageSize", "must be between 1 and " + MAX_PAGE_SIZE + ", not " + p));
            }
        });
        if (s.maxConcurrency() < 1 || s.maxConcurrency() > MAX_CONCURRENCY) {
            problems.add(new Problem(prefix + "MaxConcurrency",
                    "must be between 1 and " + MAX_CONCURRENCY + ", not " + s.maxConcurrency()));
        }
        timeoutProblem(prefix + "ConnectTimeoutSeconds", s.connectTimeout(), problems);
        timeoutProblem(prefix + "ReadTimeoutSeconds", s.readTimeout(), problems);
        double share = s.rateLimitShare();
        if (!(share > 0 && share <= 1)) {
            problems.add(new Problem(prefix + "RateLimitShare", "must be greater than 0 and at most 1, not " + share));
        }
        long runMinutes = s.runTimeout().toMinutes();
        if (runMinutes < 1 || runMinutes > MAX_RUN_MINUTES || s.runTimeout().isNegative()) {
            problems.add(new Problem(prefix + "RunTimeoutMinutes", "must be between 1 and " + MAX_RUN_MINUTES
                    + " minutes, not " + runMinutes));
        }
        Duration lockWait = s.outputLockWait();
        if (lockWait.isNegative() || lockWait.getSeconds() > MAX_LOCK_WAIT_SECONDS) {
            problems.add(new Problem(prefix + "OutputLockWaitSeconds", "must be between 0 and " + MAX_LOCK_WAIT_SECONDS
                    + " seconds, not " + lockWait.getSeconds()));
        }
        timeoutProblem(prefix + "RequestTimeoutSeconds", s.requestTimeout(), problems);
        if (s.maxResponseMegabytes() < 1 || s.maxResponseMegabytes() > MAX_RESPONSE_MEGABYTES) {
            problems.add(new Problem(prefix + "MaxResponseMegabytes", "must be between 1 and "
                    + MAX_RESPONSE_MEGABYTES + ", not " + s.maxResponseMegabytes()));
        }
        if (s.maxObjectsPerList() < 1 || s.maxObjectsPerList() > MAX_OBJECTS_PER_LIST) {
            problems.add(new Problem(prefix + "MaxObjectsPerList", "must be between 1 and " + MAX_OBJECTS_PER_LIST
                    + ", not " + s.maxObjectsPerList()));
        }
        return problems;
    }

    /**
     * @param problems at least one problem
     * @return the problems as one line, {@code "; "}-joined
     */
    public static String describe(List<Problem> problems) {
        return problems.stream().map(Problem::toString).collect(Collectors.joining("; "));
    }

    /**
     * @param connectionId the identifier, may be {@code null}
     * @return {@code Connections.<id>.}
     */
    public static String keyPrefix(String connectionId) {
        return "Connections." + (connectionId == null ? "<connection>" : connectionId) + ".";
    }

    /**
     * @param host a URL's host, as {@link URI#getHost()} gives it
     * @return whether it is a loopback host: {@code localhost}, 127.0.0.0/8 or {@code [::1]}; decided offline, no DNS
     */
    public static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("localhost") || h.equals("[::1]") || h.equals("::1") || h.equals("[0:0:0:0:0:0:0:1]")) {
            return true;
        }
        String[] parts = h.split("\\.", -1);
        if (parts.length != 4 || !parts[0].equals("127")) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    private static void serverProblems(String prefix, String server, boolean allowInsecureHttp, boolean hidden,
                                       List<Problem> problems) {
        String key = prefix + "Server";
        if (server == null || server.isEmpty()) {
            problems.add(new Problem(key, "is required (the org URL, e.g. https://acme.okta.com)"));
            return;
        }
        URI uri;
        try {
            uri = new URI(server);
        } catch (URISyntaxException e) {
            problems.add(new Problem(key, SettingsValues.quoted(server, hidden)
                    + " is not a valid URL (expected e.g. https://acme.okta.com)"));
            return;
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme == null || uri.isOpaque() || uri.getHost() == null) {
            problems.add(new Problem(key, SettingsValues.quoted(server, hidden)
                    + " is not an absolute URL with a host (expected e.g. https://acme.okta.com)"));
            return;
        }
        if (uri.getRawUserInfo() != null) {
            problems.add(new Problem(key, "must not contain a user name or password"));
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            problems.add(new Problem(key, "must not contain a query or a fragment"));
        }
        if (scheme.equals("http")) {
            if (!allowInsecureHttp) {
                problems.add(new Problem(key, "uses http://; use https://, or set \"AllowInsecureHttp\": true for a loopback test server"));
            } else if (!isLoopback(uri.getHost())) {
                String host = SettingsValues.shown(uri.getHost(), hidden);
                problems.add(new Problem(key, "http:// is allowed only to a loopback host (127.0.0.0/8, localhost, [::1])"
                        + (host == null ? "" : ", not " + host)));
            }
        } else if (!scheme.equals("https")) {
            String shown = SettingsValues.shown(scheme, hidden);
            problems.add(new Problem(key, "must start with https://" + (shown == null ? "" : ", not " + shown + "://")));
        }
    }

    private static void authProblems(String prefix, OktaSettings s, List<Problem> problems) {
        Secret apiKey = s.apiKey().orElse(null);
        boolean oauth = s.clientId().isPresent() || s.privateKey().isPresent() || s.privateKeyPath().isPresent();
        if (apiKey != null) {
            if (apiKey.isBlank()) {
                problems.add(new Problem(prefix + "ApiKey", "is empty"));
            } else if (apiKey.reveal().chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
                problems.add(new Problem(prefix + "ApiKey", "contains white space or control characters"));
            } else if (apiKey.reveal().matches("<.*>|.*\\{apiToken}.*")) {
                problems.add(new Problem(prefix + "ApiKey", "is still the documentation's placeholder; paste the API token"));
            }
            if (oauth) {
                problems.add(new Problem(prefix + "ApiKey",
                        "give either ApiKey or the OAuth keys (ClientId with PrivateKeyPath or PrivateKey), not both"));
            }
            return;
        }
        if (!oauth) {
            problems.add(new Problem(prefix + "ApiKey",
                    "is required (an Okta API token, or ClientId with PrivateKeyPath or PrivateKey for OAuth)"));
            return;
        }
        if (s.clientId().isEmpty() || s.clientId().get().isEmpty()) {
            problems.add(new Problem(prefix + "ClientId", "is required with PrivateKeyPath or PrivateKey"));
        }
        if (s.privateKey().isPresent() && s.privateKeyPath().isPresent()) {
            problems.add(new Problem(prefix + "PrivateKey", "give PrivateKeyPath or PrivateKey, not both"));
        } else if (s.privateKey().isEmpty() && s.privateKeyPath().isEmpty()) {
            problems.add(new Problem(prefix + "PrivateKeyPath", "is required with ClientId (or give PrivateKey)"));
        } else if (s.privateKey().isPresent() && s.privateKey().get().isBlank()) {
            problems.add(new Problem(prefix + "PrivateKey", "is empty"));
        } else if (s.privateKey().isPresent()) {
            String[] why = new String[1];
            if (PrivateKeys.parse(s.privateKey().get().reveal(), why).isEmpty()) {
                problems.add(new Problem(prefix + "PrivateKey", why[0]));
            }
        } else {
            Path p = s.privateKeyPath().get();
            if (!Files.isRegularFile(p)) {
                problems.add(new Problem(prefix + "PrivateKeyPath", "file " + p + " does not exist"));
            } else {
                String[] why = new String[1];
                try {
                    if (PrivateKeys.parse(Files.readString(p), why).isEmpty()) {
                        problems.add(new Problem(prefix + "PrivateKeyPath", "file " + p + " " + why[0]));
                    }
                } catch (java.io.IOException | RuntimeException e) {
                    problems.add(new Problem(prefix + "PrivateKeyPath", "file " + p + " cannot be read ("
                            + e.getClass().getSimpleName() + ")"));
                }
            }
        }
    }

    private static void timeoutProblem(String key, Duration d, List<Problem> problems) {
        if (d.compareTo(MIN_TIMEOUT) < 0 || d.compareTo(MAX_TIMEOUT) > 0) {
            problems.add(new Problem(key, "must be between 1 and 3600 seconds, not " + d.toSeconds()));
        }
    }
}
