package io.oktaconnector.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Finds the {@link ConnectorFactory}s registered with {@link java.util.ServiceLoader}, by name. Searches the calling
 * thread's context class loader, else this library's. Each call searches afresh; callable from any thread.
 *
 * <pre>{@code
 * try (Connector okta = Connectors.factory("Okta").create(settings)) {
 *     ((Exporter) okta).export(ExportRequest.of(sink));
 * }
 * }</pre>
 *
 * @since 0.1
 */
public final class Connectors {

    private Connectors() {
    }

    /**
     * @param name the connector's name, exactly as its factory gives it (e.g. {@code Okta}), never {@code null}
     * @return the factory of that name, never {@code null}
     * @throws ConnectorException {@link ErrorCode#INVALID_SETTINGS} when no factory has that name (naming the
     *                            available ones) or several have it
     */
    public static ConnectorFactory factory(String name) {
        Objects.requireNonNull(name, "name == null");
        List<ConnectorFactory> found = new ArrayList<>();
        TreeMap<String, ConnectorFactory> all = new TreeMap<>();
        for (ConnectorFactory f : load()) {
            all.put(f.name(), f);
            if (f.name().equals(name)) {
                found.add(f);
            }
        }
        if (found.size() > 1) {
            throw new ConnectorException(ErrorCode.INVALID_SETTINGS, found.size() + " connector factories are named \""
                    + name + "\"; keep one on the class path");
        }
        if (found.isEmpty()) {
            throw new ConnectorException(ErrorCode.INVALID_SETTINGS, "no connector named \"" + name + "\" (available: "
                    + (all.isEmpty() ? "none" : String.join(", ", all.keySet()))
                    + "); add the connector's artifact to the class path");
        }
        return found.get(0);
    }

    /**
     * The factory of that name as its own type, for a host that also uses what the connector offers beyond the SPI.
     *
     * @param name the connector's name, never {@code null}
     * @param type the factory's class, never {@code null}
     * @param <F>  the factory's type
     * @return the factory of that name, never {@code null}
     * @throws ConnectorException {@link ErrorCode#INVALID_SETTINGS} as {@link #factory(String)}, or when the factory
     *                            of that name is not a {@code type}
     */
    public static <F extends ConnectorFactory> F factory(String name, Class<F> type) {
        Objects.requireNonNull(type, "type == null");
        ConnectorFactory f = factory(name);
        if (!type.isInstance(f)) {
            throw new ConnectorException(ErrorCode.INVALID_SETTINGS, "the connector named \"" + name + "\" is a "
                    + f.getClass().getName() + ", not a " + type.getName());
        }
        return type.cast(f);
    }

    /** @return the names of every registered factory, sorted; never {@code null}, empty when none */
    public static List<String> names() {
        TreeMap<String, ConnectorFactory> all = new TreeMap<>();
        for (ConnectorFactory f : load()) {
            all.put(f.name(), f);
        }
        return List.copyOf(all.keySet());
    }

    private static ServiceLoader<ConnectorFactory> load() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return ServiceLoader.load(ConnectorFactory.class, loader != null ? loader : Connectors.class.getClassLoader());
    }
}
