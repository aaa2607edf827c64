package io.oktaconnector.okta.internal.fulfill;

import io.oktaconnector.api.ColumnMapping;
import io.oktaconnector.api.EntityMapping;
import io.oktaconnector.api.TableMapping;

import java.util.Objects;
import java.util.Optional;

/**
 * Resolves an order's entity type to an Okta kind and its {@code Changes} keys to Okta paths, through the host's
 * entity mapping. Immutable and thread-safe.
 */
public final class EntityResolver {
    private final EntityMapping mapping;

    public EntityResolver(EntityMapping mapping) {
        this.mapping = Objects.requireNonNull(mapping, "mapping == null");
    }

    /**
     * A mapping table of the given entity type decides (by its table suffix {@code _users}, {@code _groups},
     * {@code _apps}); otherwise the default names {@code User}, {@code Group}, {@code Application}, ignoring case.
     *
     * @param entityType the order's {@code TargetEntityType.Identifier}
     * @return the kind, or empty when the entity type is unknown
     */
    public Optional<OktaKind> kindOf(String entityType) {
        Optional<TableMapping> table = table(entityType);
        if (table.isPresent()) {
            return OktaKind.ofTable(table.get().table());
        }
        for (OktaKind k : OktaKind.values()) {
            if (k.defaultEntityType().equalsIgnoreCase(entityType)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /**
     * A key that is a property identifier of the entity type's mapped table (exact, then ignoring case) becomes that
     * column's path ({@code profile_city} → {@code profile.city}); any other key is taken as an Okta path.
     *
     * @param entityType the order's entity type
     * @param key        a {@code Changes} key
     * @return the Okta path
     */
    public String pathOf(String entityType, String key) {
        Optional<TableMapping> table = table(entityType);
        if (table.isEmpty()) {
            return key;
        }
        for (ColumnMapping c : table.get().columns()) {
            if (c.property().equals(key)) {
                return c.path();
            }
        }
        for (ColumnMapping c : table.get().columns()) {
            if (c.property().equalsIgnoreCase(key)) {
                return c.path();
            }
        }
        return key;
    }

    private Optional<TableMapping> table(String entityType) {
        Optional<TableMapping> exact = mapping.forEntityType(entityType);
        if (exact.isPresent()) {
            return exact;
        }
        return mapping.tables().stream().filter(t -> t.entityType().equalsIgnoreCase(entityType)).findFirst();
    }
}
