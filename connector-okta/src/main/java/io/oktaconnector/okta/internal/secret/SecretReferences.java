package io.oktaconnector.okta.internal.secret;

import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.api.Secret;
import io.oktaconnector.okta.SecretResolver;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves secret references in settings values: a value that is, after trimming, exactly {@code ${scheme:name}}.
 * <ul>
 *   <li>{@code ${env:NAME}}: the environment variable {@code NAME};</li>
 *   <li>{@code ${file:PATH}}: the UTF-8 content of the file, surrounding white space and line breaks trimmed;
 *       a relative {@code PATH} is resolved against the folder of the settings file;</li>
 *   <li>any other scheme: the {@link SecretResolver} of that scheme (ServiceLoader, or given in code).</li>
 * </ul>
 * A value of the form {@code $${…}} (one or more {@code $} before the brace, after trimming) is literal text: one
 * leading {@code $} is removed, so {@code $${env:X}} means the literal {@code ${env:X}} (the escape for a secret that
 * happens to look like a reference; {@link #escape(String)} applies it). Any other value is returned as it is. An
 * empty result is an error: a key that names a secret must get one.
 *
 * <p>Errors are {@code INVALID_SETTINGS} naming the settings key and the kind of reference, never a value.
 * Thread-safe.
 */
public final class SecretReferences {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z][A-Za-z0-9+.-]*):(.*)}", Pattern.DOTALL);
    private static final Pattern ESCAPED = Pattern.compile("\\$(\\$+\\{.*)", Pattern.DOTALL);
    private static final Pattern NEEDS_ESCAPE = Pattern.compile("\\$+\\{.*", Pattern.DOTALL);
    private static final long MAX_FILE_BYTES = 1 << 20; // a PEM key or a token is a few KB; refuse to slurp a disk image

    private final Path baseDirectory;
    private final Function<String, String> environment;
    private final Supplier<List<SecretResolver>> resolverSource;
    private volatile Map<String, SecretResolver> resolvers;

    /**
     * @param baseDirectory  folder against which relative {@code ${file:}} paths are resolved (the settings file's)
     * @param environment    environment lookup, {@code System::getenv} outside tests
     * @param resolverSource the vault resolvers, asked for only when a value uses a scheme other than env and file
     */
    public SecretReferences(Path baseDirectory, Function<String, String> environment,
                            Supplier<List<SecretResolver>> resolverSource) {
        this.baseDirectory = Objects.requireNonNull(baseDirectory, "baseDirectory == null").toAbsolutePath();
        this.environment = Objects.requireNonNull(environment, "environment == null");
        this.resolverSource = Objects.requireNonNull(resolverSource, "resolverSource == null");
    }

    /**
     * The production set-up: the process environment, and the resolvers found by {@link ServiceLoader} with the
     * class loader of {@link SecretResolver} plus any given in code.
     *
     * @param settingsFile the settings file whose folder anchors relative file references
     * @param extra        resolvers passed in code (a scheme claimed twice is an error)
     * @return the resolver
     */
    public static SecretReferences forSettingsFile(Path settingsFile, List<SecretResolver> extra) {
        return create(settingsFile, System::getenv, extra, true);
    }

    /**
     * @param settingsFile  the settings file whose folder anchors relative file references
     * @param environment   environment lookup
     * @param extra         resolvers passed in code
     * @param serviceLoader whether to add the resolvers registered with {@link ServiceLoader}
     * @return the resolver; the ServiceLoader is consulted only when a value names a vault scheme
     */
    public static SecretReferences create(Path settingsFile, Function<String, String> environment,
                                          List<SecretResolver> extra, boolean serviceLoader) {
        Path folder = settingsFile.toAbsolutePath().getParent();
        List<SecretResolver> given = List.copyOf(extra);
        return new SecretReferences(folder, environment, () -> {
            List<SecretResolver> all = new java.util.ArrayList<>(given);
            if (serviceLoader) {
                ServiceLoader.load(SecretResolver.class, SecretResolver.class.getClassLoader()).forEach(all::add);
            }
            return all;
        });
    }

    /** @return whether the value is a reference (after trimming) rather than a literal */
    public static boolean isReference(String value) {
        return value != null && REFERENCE.matcher(value.strip()).matches();
    }

    /**
     * @param literal a literal value (e.g. an opened protected value)
     * @return the text that {@link #resolve} turns back into {@code literal}: a value starting with {@code $…{} gets
     *         one more {@code $}
     */
    public static String escape(String literal) {
        return NEEDS_ESCAPE.matcher(literal.strip()).matches() ? "$" + literal.strip() : literal;
    }

    /**
     * @param value a literal settings value, possibly escaped
     * @return its meaning without the escape (see the class comment); {@code value} itself when not escaped
     */
    public static String unescape(String value) {
        Matcher m = ESCAPED.matcher(value.strip());
        return m.matches() ? m.group(1) : value;
    }

    /**
     * Like {@link #resolve(String, String)}, recording a failure instead of throwing.
     *
     * @param key      the settings key path, e.g. {@code Connections.Okta.ApiKey}
     * @param value    the raw value
     * @param problems receives one problem (key, message without the key) when the reference cannot be resolved
     * @return the resolved value, or {@code null} after recording a problem
     * @throws ConnectorException only for failures that are not the settings' fault (a resolver that is unavailable)
     */
    public String resolve(String key, String value, java.util.List<io.oktaconnector.api.Problem> problems) {
        try {
            return resolve(key, value);
        } catch (ConnectorException e) {
            String prefix = key + ": ";
            if (e.code() != ErrorCode.INVALID_SETTINGS || !e.getMessage().startsWith(prefix)) {
                throw e;
            }
            problems.add(new io.oktaconnector.api.Problem(key, e.getMessage().substring(prefix.length())));
            return null;
        }
    }

    /**
     * @param key   the settings key path for messages, e.g. {@code Connections.Okta.ApiKey}
     * @param value the raw settings value
     * @return the value itself, its unescaped literal, or the referenced secret's clear text
     * @throws ConnectorException INVALID_SETTINGS when a reference cannot be resolved or is empty
     */
    public String resolve(String key, String value) {
        Objects.requireNonNull(key, "key == null");
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        Matcher escaped = ESCAPED.matcher(trimmed);
        if (escaped.matches()) {
            return escaped.group(1);
        }
        Matcher m = REFERENCE.matcher(trimmed);
        if (!m.matches()) {
            return value;
        }
        String scheme = m.group(1).toLowerCase(Locale.ROOT);
        String name = m.group(2).strip();
        if (name.isEmpty()) {
            throw invalid(key, "the ${" + scheme + ":} reference names nothing");
        }
        String resolved = switch (scheme) {
            case "env" -> fromEnvironment(key, name);
            case "file" -> fromFile(key, name);
            default -> fromResolver(key, scheme, name);
        };
        if (resolved.isBlank()) {
            throw invalid(key, describe(scheme, name) + " is empty");
        }
        return resolved;
    }

    /** Like {@link #resolve(String, String)} for a key whose value is a credential. */
    public Secret resolveSecret(String key, String value) {
        String resolved = resolve(key, value);
        return resolved == null ? null : Secret.of(resolved);
    }

    private String fromEnvironment(String key, String name) {
        String v = environment.apply(name);
        if (v == null) {
            throw invalid(key, "environment variable " + name + " is not set (${env:} reference)");
        }
        return v;
    }

    private String fromFile(String key, String name) {
        Path file;
        try {
            file = baseDirectory.resolve(name).normalize();
        } catch (InvalidPathException e) {
            throw invalid(key, "the ${file:} reference is not a valid path");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
            if (bytes.length > MAX_FILE_BYTES) {
                throw invalid(key, "file " + file + " is larger than 1 MiB (${file:} reference)");
            }
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            java.util.Arrays.fill(bytes, (byte) 0);
            if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
                text = text.substring(1); // a BOM written by Windows editors is not part of the secret
            }
            return text.strip();
        } catch (NoSuchFileException e) {
            throw invalid(key, "file " + file + " does not exist (${file:} reference)");
        } catch (CharacterCodingException e) {
            throw invalid(key, "file " + file + " is not UTF-8 text (${file:} reference)");
        } catch (IOException e) {
            throw new ConnectorException(ErrorCode.INVALID_SETTINGS,
                    key + ": file " + file + " cannot be read (" + e.getClass().getSimpleName()
                            + ", ${file:} reference)", e);
        }
    }

    private String fromResolver(String key, String scheme, String name) {
        SecretResolver resolver = resolvers().get(scheme);
        if (resolver == null) {
            throw invalid(key, "no secret resolver handles the ${" + scheme + ":} reference (plug one in through the "
                    + SecretResolver.class.getName() + " service)");
        }
        Optional<Secret> found;
        try {
            found = resolver.resolve(name);
        } catch (ConnectorException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ConnectorException(ErrorCode.UNAVAILABLE, key + ": the secret resolver of the ${" + scheme
                    + ":} reference failed (" + e.getClass().getName() + ")", e);
        }
        if (found == null || found.isEmpty()) {
            throw invalid(key, describe(scheme, name) + " was not found");
        }
        return found.get().reveal();
    }

    private Map<String, SecretResolver> resolvers() {
        Map<String, SecretResolver> r = resolvers;
        if (r == null) {
            synchronized (this) {
                r = resolvers;
                if (r == null) {
                    r = index(resolverSource.get());
                    resolvers = r;
                }
            }
        }
        return r;
    }

    private static Map<String, SecretResolver> index(List<SecretResolver> list) {
        Map<String, SecretResolver> byScheme = new HashMap<>();
        for (SecretResolver resolver : list) {
            String scheme = resolver.scheme() == null ? "" : resolver.scheme().toLowerCase(Locale.ROOT);
            if (!scheme.matches("[a-z][a-z0-9+.-]*") || scheme.equals("env") || scheme.equals("file")) {
                throw new ConnectorException(ErrorCode.INVALID_SETTINGS, "secret resolver "
                        + resolver.getClass().getName() + " claims the scheme '" + scheme + "', which is not allowed");
            }
            SecretResolver previous = byScheme.putIfAbsent(scheme, resolver);
            if (previous != null) {
                throw new ConnectorException(ErrorCode.INVALID_SETTINGS, "two secret resolvers claim the scheme '"
                        + scheme + "': " + previous.getClass().getName() + " and " + resolver.getClass().getName());
            }
        }
        return Map.copyOf(byScheme);
    }

    private static String describe(String scheme, String name) {
        return switch (scheme) {
            case "env" -> "environment variable " + name + " (${env:} reference)";
            case "file" -> "the file of its ${file:} reference";
            default -> "secret '" + name + "' (${" + scheme + ":} reference)";
        };
    }

    private static ConnectorException invalid(String key, String message) {
        return new ConnectorException(ErrorCode.INVALID_SETTINGS, key + ": " + message);
    }
}
