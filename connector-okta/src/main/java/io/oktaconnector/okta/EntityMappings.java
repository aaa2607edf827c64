package io.oktaconnector.okta;

import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.EntityMapping;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.okta.internal.mapping.MappingXmlReader;

import java.nio.file.Path;

/**
 * Reads the host's entity mapping in the seed's XML form:
 * <pre>{@code
 * <EntityTypeMapping Identifier="User" ConnectionTable="OktaExportFulfillment_users" Connector="Okta">
 *   <Property Identifier="OktaExportFulfillment_users_id" ConnectionColumn="id" IsPrimaryKey="true" />
 *   <Property Identifier="profile_city" ConnectionColumn="profile.city" />
 * </EntityTypeMapping>
 * }</pre>
 * The {@code EntityTypeMapping} elements are found anywhere in the document, whatever its root element or namespace.
 * A table's columns are its {@code Property} children's {@code ConnectionColumn}s in document order: the header is the
 * {@code ConnectionColumn} exactly as written, the path the same value trimmed, the property the {@code Identifier}.
 * The {@code EntityTypeMapping}'s {@code Identifier} is the entity type. Tables of other connections are ignored;
 * {@code Property} elements without a {@code ConnectionColumn} attribute are ignored.
 *
 * @since 0.1
 */
public final class EntityMappings {

    private EntityMappings() {
    }

    /**
     * Reads the mapping of one connection. DTDs and external entities are refused.
     *
     * @param xmlFile      the XML file, never {@code null}
     * @param connectionId the connection whose tables ({@code <connectionId>_users}, …) to take
     * @return the mapping; tables it does not name keep their default columns
     * @throws ConnectorException {@link ErrorCode#INVALID_MAPPING} naming the file, the line and the element of every
     *                            problem (not XML, a table suffix this connector does not know, a duplicate column or
     *                            table, an empty {@code ConnectionColumn}, a table without columns);
     *                            {@link ErrorCode#INVALID_SETTINGS} for an invalid connection identifier
     */
    public static EntityMapping read(Path xmlFile, String connectionId) {
        return MappingXmlReader.read(xmlFile, connectionId);
    }
}
