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

    /**
     * The largest mapping file {@link #read} takes (8 MB): a host's configuration file is far smaller, and a document
     * of that size can still be read in a small heap. A larger file is refused with one {@code INVALID_MAPPING} message
     * before it is read.
     *
     * @since 0.1
     */
    public static final long MAX_FILE_BYTES = 8L << 20;

    private EntityMappings() {
    }

    /**
     * Reads the mapping of one connection. DTDs and external entities are refused.
     *
     * @param xmlFile      the XML file, never {@code null}
     * @param connectionId the connection whose tables ({@code <connectionId>_users}, …) to take
     * @return the mapping; tables it does not name keep their default columns
     * @throws ConnectorException {@link ErrorCode#INVALID_MAPPING} naming the file, the line and the element of every
     *                            problem (not XML, text not in the declared encoding, larger than
     *                            {@link #MAX_FILE_BYTES}, a table suffix this connector does not know, a duplicate
     *                            column, property identifier or table, an entity type given to two tables, an empty
     *                            {@code ConnectionColumn}, a table without columns);
     *                            {@link ErrorCode#INVALID_SETTINGS} for an invalid connection identifier
     */
    public static EntityMapping read(Path xmlFile, String connectionId) {
        return MappingXmlReader.read(xmlFile, connectionId);
    }
}
