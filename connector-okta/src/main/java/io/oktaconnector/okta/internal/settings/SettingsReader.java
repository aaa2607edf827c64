package io.oktaconnector.okta.internal.settings;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oktaconnector.api.ConnectionIds;
import io.oktaconnector.api.ConnectionSettings;
import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.api.Problem;
import io.oktaconnector.api.Secret;
import io.oktaconnector.okta.FulfillSettings;
import io.oktaconnector.okta.OktaSettings;
import io.oktaconnector.okta.ProxySettings;
import io.oktaconnector.okta.SecretResolver;
import io.oktaconnector.okta.TrustStoreSettings;
import io.oktaconnector.okta.UserDeleteMode;
import io.oktaconnector.okta.internal.password.PasswordResetSettingsParser;
import io.oktaconnector.okta.internal.secret.SecretReferences;
import io.oktaconnector.okta.internal.secret.SecureSettingsReader;
import io.oktaconnector.okta.internal.secret.SettingsJson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads one connection of {@code appsettings.agent.json} into {@link OktaSettings}: Jackson tree, key names ignoring
 * case, unknown keys ignored, comments and trailing commas tolerated (the seed's own example has one), the protected
 * values of the encrypted file beside it merged in and opened ({@link SecureSettingsReader}), secret references
 * resolved key by key ({@link SecretReferences}: env, file and vault resolvers), every problem collected before failing.
 */
public final class SettingsReader {

    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
                    .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
                    // never echo the file's content (it holds credentials) in a parse error
                    .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                    .build())
            .build();

    private final Function<String, String> environment;
    private final List<SecretResolver> resolvers;
    private final boolean serviceLoader;

    /** @param environment looks up environment variables (tests pass a map); no vault resolvers */
    public SettingsReader(Function<String, String> environment) {
        this(environment, List.of(), false);
    }

    /**
     * @param environment   looks up environment variables
     * @param resolvers     vault resolvers given in code
     * @param serviceLoader whether to add the resolvers registered with {@link java.util.ServiceLoader}
     */
    public SettingsReader(Function<String, String> environment, List<SecretResolver> resolvers, boolean serviceLoader) {
        this.environment = Objects.requireNonNull(environment, "environment == null");
        this.resolvers = List.copyOf(resolvers);
        this.serviceLoader = serviceLoader;
    }

    /** @return a reader over the process environment and the {@link java.util.ServiceLoader}-registered resolvers */
    public static SettingsReader withSystemEnvironment() {
        return withSystemEnvironment(List.of());
    }

    /**
     * @param resolvers vault resolvers given in code, besides those registered with {@link java.util.ServiceLoader}
     * @return a reader over the process environment
     */
    public static SettingsReader withSystemEnvironment(List<SecretResolver> resolvers) {
        return new SettingsReader(System::getenv, resolvers, true);
    }

    /**
     * @param file         the settings file
     * @param connectionId the connection identifier
     * @return validated settings
     * @throws ConnectorException INVALID_SETTINGS listing every problem
     */
    public OktaSettings load(Path file, String connectionId) {
        Objects.requireNonNull(file, "appsettingsFile == null");
        List<Problem> idProblems = ConnectionIds.problems(connectionId);
        if (!idProblems.isEmpty()) {
            throw invalid(file, idProblems);
        }
        JsonNode root = parse(file);
        List<Problem> problems = new ArrayList<>();
        String prefix = SettingsChecks.keyPrefix(connectionId);
        JsonNode section = connectionSection(root, file, connectionId, problems);
        Path base = file.toAbsolutePath().getParent();
        SecretReferences references = SecretReferences.create(file, environment, resolvers, serviceLoader);
        // keys whose value came from a reference or the protected file, lower-case: messages never quote them
        Set<String> hidden = new HashSet<>();
        try {
            section = SecureSettingsReader.openConnection((ObjectNode) root, file, connectionId, references, hidden);
        } catch (ConnectorException e) {
            problems.add(problemOf(e));
            throw invalid(file, problems);
        }
        return read(new Section(section, prefix, base, problems, references, hidden), connectionId,
                ps -> invalid(file, ps));
    }

    /**
     * Reads settings a host gave in code, with the same keys, checks and messages as a settings file: plain values
     * and secrets by key (nested keys joined by dots, e.g. {@code Proxy.Host}), relative paths against the working
     * folder, secret references in plain values resolved as in a file, secrets never quoted.
     *
     * @param settings one connection's settings
     * @return validated settings
     * @throws ConnectorException INVALID_SETTINGS listing every problem
     */
    public OktaSettings read(ConnectionSettings settings) {
        Objects.requireNonNull(settings, "settings == null");
        String connectionId = settings.connectionId();
        Function<List<Problem>, ConnectorException> invalid = ps -> new ConnectorException(ErrorCode.INVALID_SETTINGS,
                "invalid settings of connection " + SettingsValues.excerpt(connectionId) + ": "
                        + SettingsChecks.describe(ps));
        List<Problem> idProblems = ConnectionIds.problems(connectionId);
        if (!idProblems.isEmpty()) {
            throw invalid.apply(idProblems);
        }
        String prefix = SettingsChecks.keyPrefix(connectionId);
        List<Problem> problems = new ArrayList<>();
        Set<String> hidden = new HashSet<>();
        ObjectNode section = JSON.createObjectNode();
        settings.values().forEach((k, v) -> put(section, k, v, prefix, problems));
        settings.secrets().forEach((k, v) -> {
            hidden.add((prefix + k).toLowerCase(Locale.ROOT));
            put(section, k, v.reveal(), prefix, problems);
        });
        Path base = Path.of("").toAbsolutePath();
        SecretReferences references = SecretReferences.create(base.resolve("appsettings.agent.json"), environment,
                resolvers, serviceLoader);
        return read(new Section(section, prefix, base, problems, references, hidden), connectionId, invalid);
    }

    /** Puts a dotted key's value into the tree, creating the objects on its way. */
    private static void put(ObjectNode section, String key, String value, String prefix, List<Problem> problems) {
        String[] parts = key.split("\\.", -1);
        ObjectNode node = section;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode next = node.get(parts[i]);
            if (next == null) {
                next = node.putObject(parts[i]);
            } else if (!next.isObject()) {
                problems.add(new Problem(prefix + key, "is given, but " + String.join(".", Arrays.asList(parts)
                        .subList(0, i + 1)) + " is given as a value, not an object"));
                return;
            }
            node = (ObjectNode) next;
        }
        if (node.get(parts[parts.length - 1]) instanceof ObjectNode) {
            problems.add(new Problem(prefix + key, "must be an object: keys below it are given"));
            return;
        }
        node.put(parts[parts.length - 1], value);
    }

    /** Reads the connection's section into validated settings, or throws every problem at once. */
    private OktaSettings read(Section s, String connectionId, Function<List<Problem>, ConnectorException> invalid) {
        String prefix = s.prefix;
        List<Problem> problems = s.problems;
        Path base = s.base;
        SecretReferences references = s.references;
        Set<String> hidden = s.hidden;
        OktaSettings.Builder b = OktaSettings.builder().connectionId(connectionId);
        b.server(s.string("Server"));
        String apiKey = s.string("ApiKey");
        if (apiKey != null) {
            b.apiKey(Secret.of(apiKey));
        }
        String clientId = s.string("ClientId");
        String keyPath = s.string("PrivateKeyPath");
        String key = s.string("PrivateKey");
        if (clientId != null || keyPath != null || key != null) {
            Path p = keyPath == null || keyPath.isBlank() ? null : base.resolve(keyPath.strip());
            b.oauth(clientId == null ? "" : clientId, p, key == null ? null : Secret.of(key));
        }
        String keyId = s.string("KeyId");
        if (keyId != null) {
            b.keyId(keyId);
        }
        List<String> scopes = s.list("Scopes");
        if (scopes != null) {
            b.scopes(scopes);
        }
        Boolean insecure = s.bool("AllowInsecureHttp");
        if (insecure != null) {
            b.allowInsecureHttp(insecure);
        }
        readTuning(s, b);
        String mode = s.string("UserDeleteMode");
        if (mode != null) {
            UserDeleteMode m = UserDeleteMode.parse(mode);
            if (m == null) {
                problems.add(new Problem(prefix + "UserDeleteMode", "must be DeactivateOnly or DeactivateAndDelete, not "
                        + SettingsValues.quoted(mode, s.hidden("UserDeleteMode"))));
            } else {
                b.userDeleteMode(m);
            }
        }
        b.fulfill(fulfill(s, prefix, problems));

        readTransportAndPasswords(s, b, base, prefix, problems, references);

        OktaSettings settings = b.build();
        for (Problem p : SettingsChecks.problems(settings, k -> hidden.contains(k.toLowerCase(Locale.ROOT)))) {
            // a value already reported as unreadable must not be reported again as "required"
            if (problems.stream().noneMatch(q -> q.key().equals(p.key()))) {
                problems.add(p);
            }
        }
        if (!problems.isEmpty()) {
            throw invalid.apply(problems);
        }
        return settings;
    }

    /** The connection's section; every problem on the way to it ends the reading. */
    private static JsonNode connectionSection(JsonNode root, Path file, String connectionId, List<Problem> problems) {
        JsonNode connections = root.isObject() ? field(root, "Connections", "Connections", problems) : null;
        if (connections == null || !connections.isObject()) {
            problems.add(new Problem("Connections", connections == null
                    ? "is missing: the file has no \"Connections\" section"
                    : "must be an object holding one section per connection"));
            throw invalid(file, problems);
        }
        JsonNode section = field(connections, connectionId, "Connections." + connectionId, problems);
        if (section == null || !section.isObject()) {
            List<String> names = new ArrayList<>();
            // key names, not values, but the file's all the same: short, sanitised, at most ten of them
            connections.fieldNames().forEachRemaining(n -> names.add(names.size() < 10 ? SettingsValues.excerpt(n)
                    : names.size() == 10 ? "…" : null));
            names.removeIf(Objects::isNull);
            problems.add(new Problem("Connections." + connectionId, section == null
                    ? "is missing: no connection named \"" + connectionId + "\" (found: "
                    + (names.isEmpty() ? "none" : String.join(", ", names)) + ")"
                    : "must be an object"));
            throw invalid(file, problems);
        }
        return section;
    }

    /** Paging, concurrency, timeouts, the run deadline and the export folder's keys. */
    private static void readTuning(Section s, OktaSettings.Builder b) {
        Long pageSize = s.integer("PageSize");
        if (pageSize != null) {
            b.pageSize((int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, pageSize)));
        }
        Long maxConcurrency = s.integer("MaxConcurrency");
        if (maxConcurrency != null) {
            b.maxConcurrency((int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, maxConcurrency)));
        }
        Long connect = s.integer("ConnectTimeoutSeconds");
        if (connect != null) {
            b.connectTimeout(Duration.ofSeconds(connect));
        }
        Long read = s.integer("ReadTimeoutSeconds");
        if (read != null) {
            b.readTimeout(Duration.ofSeconds(read));
        }
        Double share = s.number("RateLimitShare");
        if (share != null) {
            b.rateLimitShare(share);
        }
        // out-of-range values are kept (clamped far outside the range) so that the checks name them
        Long runTimeout = s.integer("RunTimeoutMinutes");
        if (runTimeout != null) {
            b.runTimeout(Duration.ofMinutes(Math.max(-1, Math.min(1_000_000, runTimeout))));
        }
        Long lockWait = s.integer("OutputLockWaitSeconds");
        if (lockWait != null) {
            b.outputLockWait(Duration.ofSeconds(Math.max(-10_000_000, Math.min(10_000_000, lockWait))));
        }
        Boolean formulas = s.bool("CsvFormulaEscaping");
        if (formulas != null) {
            b.csvFormulaEscaping(formulas);
        }
        readLimits(s, b);
    }

    /** The bounds on what a server may make a run wait for or hold (issue 13). */
    private static void readLimits(Section s, OktaSettings.Builder b) {
        Long request = s.integer("RequestTimeoutSeconds");
        if (request != null) {
            // out-of-range values are kept (clamped far outside the range) so that the check names them
            b.requestTimeout(Duration.ofSeconds(Math.max(-1, Math.min(1_000_000, request))));
        }
        Long megabytes = s.integer("MaxResponseMegabytes");
        if (megabytes != null) {
            b.maxResponseMegabytes((int) Math.max(-1, Math.min(1_000_000, megabytes)));
        }
        Long objects = s.integer("MaxObjectsPerList");
        if (objects != null) {
            b.maxObjectsPerList(objects);
        }
    }

    /** Proxy, TrustStore and PasswordResetSettings (the credentials issue's keys). */
    private static void readTransportAndPasswords(Section s, OktaSettings.Builder b, Path base, String prefix,
                                                  List<Problem> problems, SecretReferences references) {
        Section proxy = s.child("Proxy");
        if (proxy != null) {
            String host = proxy.string("Host");
            Long port = proxy.integer("Port");
            String user = proxy.string("Username");
            String password = proxy.string("Password");
            if (host == null || host.isEmpty()) {
                problems.add(new Problem(prefix + "Proxy.Host", "is required with Proxy"));
            } else {
                b.proxy(new ProxySettings(host, port == null ? -1 : (int) Math.max(-1, Math.min(Integer.MAX_VALUE, port)),
                        user, password == null ? null : Secret.of(password)));
            }
        }
        Section trust = s.child("TrustStore");
        if (trust != null) {
            String f = trust.string("File");
            String password = trust.string("Password");
            String type = trust.string("Type");
            if (f == null || f.isEmpty()) {
                problems.add(new Problem(prefix + "TrustStore.File", "is required with TrustStore"));
            } else {
                b.trustStore(new TrustStoreSettings(base.resolve(f), password == null ? null : Secret.of(password),
                        type == null || type.isEmpty() ? "PKCS12" : type.toUpperCase(java.util.Locale.ROOT)));
            }
        }
        JsonNode reset = field(s.node, PasswordResetSettingsParser.KEY, prefix + PasswordResetSettingsParser.KEY, problems);
        if (reset != null) {
            String connection = prefix.substring(0, prefix.length() - 1);
            String modeKey = prefix + PasswordResetSettingsParser.KEY + ".Mode";
            JsonNode rawMode = SettingsJson.field(reset, "Mode");
            boolean modeHidden = s.hidden(PasswordResetSettingsParser.KEY + ".Mode")
                    || (rawMode != null && rawMode.isTextual() && SecretReferences.isReference(rawMode.textValue()));
            try {
                JsonNode resolved = SecureSettingsReader.resolveAll(reset, prefix + PasswordResetSettingsParser.KEY,
                        references);
                b.passwordReset(PasswordResetSettingsParser.parse(resolved, connection));
            } catch (ConnectorException e) {
                if (e.code() != ErrorCode.INVALID_SETTINGS) {
                    throw e;
                }
                Problem p = problemOf(e);
                problems.add(modeHidden && p.key().equalsIgnoreCase(modeKey)
                        ? new Problem(p.key(), "must be OktaEmail, Generate or Default, not " + SettingsValues.FROM_REFERENCE)
                        : p);
            }
        }
    }

    /** A settings exception whose message is {@code key: text}, as a problem. */
    private static Problem problemOf(ConnectorException e) {
        String m = e.getMessage();
        int colon = m.indexOf(": ");
        return colon > 0 && !m.substring(0, colon).contains(" ")
                ? new Problem(m.substring(0, colon), m.substring(colon + 2))
                : new Problem("settings", m);
    }

    private static ConnectorException invalid(Path file, List<Problem> problems) {
        return new ConnectorException(ErrorCode.INVALID_SETTINGS,
                "invalid settings in " + file + ": " + SettingsChecks.describe(problems));
    }

    private static JsonNode parse(Path file) {
        byte[] bytes;
        try {
            bytes = SettingsJson.readCapped(file, "settings file");
        } catch (NoSuchFileException e) {
            throw new ConnectorException(ErrorCode.INVALID_SETTINGS, "settings file " + file + " does not exist");
        } catch (IOException e) {
            if (Files.isDirectory(file)) {
                throw new ConnectorException(ErrorCode.INVALID_SETTINGS, "settings file " + file + " is a folder, not a file");
            }
            throw new ConnectorException(ErrorCode.INVALID_SETTINGS, "settings file " + file + " cannot be read: "
                    + e.getClass().getSimpleName());
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // a BOM, as Windows editors write
        }
        try {
            JsonNode root = JSON.readTree(text);
            if (root == null || root.isMissingNode()) {
                throw new ConnectorException(ErrorCode.INVALID_SETTINGS, "settings file " + file + " is empty");
            }
            if (!root.isObject()) {
                throw new ConnectorException(ErrorCode.INVALID_SETTINGS, "settings file " + file
                        + " is not a JSON object");
            }
            return root;
        } catch (JsonProcessingException e) {
            // the parser's own message may quote a bare credential: give the position only
            JsonLocation loc = e.getLocation();
            String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            throw new ConnectorException(ErrorCode.INVALID_SETTINGS, "settings file " + file + " is not valid JSON" + where);
        }
    }

    /** Finds a field by exact name, else ignoring case; two fields differing only in case are ambiguous. */
    private static JsonNode field(JsonNode object, String name, String key, List<Problem> problems) {
        JsonNode exact = object.get(name);
        List<String> matches = new ArrayList<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (f.equalsIgnoreCase(name)) {
                matches.add(f);
            }
        }
        if (matches.size() > 1) {
            problems.add(new Problem(key, "is given " + matches.size() + " times with different letter case ("
                    + String.join(", ", matches) + "); keep one"));
            return exact;
        }
        return matches.isEmpty() ? null : object.get(matches.get(0));
    }

    /** One connection section: typed accessors that record a problem instead of failing. */
    private final class Section {
        private final JsonNode node;
        private final String prefix;
        private final Path base;
        private final List<Problem> problems;

        private final SecretReferences references;
        private final Set<String> hidden;

        Section(JsonNode node, String prefix, Path base, List<Problem> problems, SecretReferences references,
                Set<String> hidden) {
            this.node = node;
            this.prefix = prefix;
            this.base = base;
            this.problems = problems;
            this.references = references;
            this.hidden = hidden;
        }

        /** @return whether the key's value came from a secret reference or the protected file */
        boolean hidden(String name) {
            return hidden.contains((prefix + name).toLowerCase(Locale.ROOT));
        }

        /** @return the nested object as a section, {@code null} when absent (or not an object: a problem) */
        Section child(String name) {
            JsonNode v = field(node, name, prefix + name, problems);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isObject()) {
                problems.add(new Problem(prefix + name, "must be an object"));
                return null;
            }
            return new Section(v, prefix + name + ".", base, problems, references, hidden);
        }

        /** @return the resolved text value, {@code null} when absent, null, or unreadable (then a problem is recorded) */
        String string(String name) {
            JsonNode v = field(node, name, prefix + name, problems);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isValueNode()) {
                problems.add(new Problem(prefix + name, "must be a text value"));
                return null;
            }
            String text = resolve(name, v.asText());
            return text == null ? null : text.strip();
        }

        List<String> list(String name) {
            JsonNode v = field(node, name, prefix + name, problems);
            if (v == null || v.isNull()) {
                return null;
            }
            List<String> out = new ArrayList<>();
            if (v.isArray()) {
                for (JsonNode e : v) {
                    if (!e.isTextual()) {
                        problems.add(new Problem(prefix + name, "must be a list of texts"));
                        return null;
                    }
                    out.add(e.asText().strip());
                }
            } else {
                String text = string(name);
                if (text == null) {
                    return null;
                }
                out.addAll(Arrays.asList(text.strip().split("[\\s,]+")));
            }
            out.removeIf(String::isEmpty);
            return out;
        }

        Boolean bool(String name) {
            JsonNode v = field(node, name, prefix + name, problems);
            if (v == null || v.isNull()) {
                return null;
            }
            if (v.isBoolean()) {
                return v.booleanValue();
            }
            String text = v.isTextual() ? resolve(name, v.asText()) : null;
            if (text != null && (text.strip().equalsIgnoreCase("true") || text.strip().equalsIgnoreCase("false"))) {
                return Boolean.parseBoolean(text.strip());
            }
            if (v.isTextual() && text == null) {
                return null;
            }
            problems.add(new Problem(prefix + name, "must be true or false"));
            return null;
        }

        Long integer(String name) {
            JsonNode v = field(node, name, prefix + name, problems);
            if (v == null || v.isNull()) {
                return null;
            }
            if (v.isIntegralNumber() && v.canConvertToLong()) {
                return v.longValue();
            }
            if (v.isTextual()) {
                String text = resolve(name, v.asText());
                if (text == null) {
                    return null;
                }
                try {
                    return Long.parseLong(text.strip());
                } catch (NumberFormatException e) {
                    // reported below
                }
            }
            problems.add(new Problem(prefix + name, "must be a whole number"));
            return null;
        }

        Double number(String name) {
            JsonNode v = field(node, name, prefix + name, problems);
            if (v == null || v.isNull()) {
                return null;
            }
            if (v.isNumber()) {
                return v.doubleValue();
            }
            if (v.isTextual()) {
                String text = resolve(name, v.asText());
                if (text == null) {
                    return null;
                }
                try {
                    return Double.parseDouble(text.strip());
                } catch (NumberFormatException e) {
                    // reported below
                }
            }
            problems.add(new Problem(prefix + name, "must be a number"));
            return null;
        }

        /** Resolves a secret reference ({@link SecretReferences}); plain values pass through. */
        private String resolve(String name, String raw) {
            if (SecretReferences.isReference(raw)) {
                hidden.add((prefix + name).toLowerCase(Locale.ROOT));
            }
            return references.resolve(prefix + name, raw, problems);
        }
    }

    /** @return the keys this reader understands, for documentation and tests */
    public static List<String> knownKeys() {
        return List.of("Server", "ApiKey", "ClientId", "PrivateKeyPath", "PrivateKey", "KeyId", "Scopes", "AllowInsecureHttp",
                "PageSize", "MaxConcurrency", "ConnectTimeoutSeconds", "ReadTimeoutSeconds", "UserDeleteMode",
                "RateLimitShare", "RunTimeoutMinutes", "ActivateOnCreate", "SendActivationEmail", "AdoptExistingOnCreate",
                "MaxDeletesPerRun", "Proxy", "TrustStore", "PasswordResetSettings", "OutputLockWaitSeconds",
                "CsvFormulaEscaping", "RequestTimeoutSeconds", "MaxResponseMegabytes",
                "MaxObjectsPerList");
    }

    private static FulfillSettings fulfill(Section s, String prefix, List<Problem> problems) {
        FulfillSettings d = FulfillSettings.DEFAULTS;
        Boolean activate = s.bool("ActivateOnCreate");
        Boolean email = s.bool("SendActivationEmail");
        Boolean adopt = s.bool("AdoptExistingOnCreate");
        Long max = s.integer("MaxDeletesPerRun");
        int cap = d.maxDeletesPerRun();
        if (max != null && (max < 0 || max > Integer.MAX_VALUE)) {
            problems.add(new Problem(prefix + "MaxDeletesPerRun", "must be between 0 and " + Integer.MAX_VALUE
                    + ", not " + max));
        } else if (max != null) {
            cap = max.intValue();
        }
        return new FulfillSettings(activate == null ? d.activateOnCreate() : activate,
                email == null ? d.sendActivationEmail() : email, adopt == null ? d.adoptExistingOnCreate() : adopt, cap);
    }
}
