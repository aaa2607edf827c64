package io.oktaconnector.okta.internal.mapping;

import io.oktaconnector.api.ColumnMapping;
import io.oktaconnector.api.ConnectionIds;
import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.EntityMapping;
import io.oktaconnector.api.ErrorCode;
import io.oktaconnector.api.TableMapping;
import io.oktaconnector.okta.EntityMappings;
import io.oktaconnector.okta.OktaTable;
import io.oktaconnector.okta.internal.settings.SettingsValues;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads the seed's XML {@code EntityTypeMapping} elements wherever they are in the document (any root element, any
 * namespace): StAX, streaming, DTDs and external entities refused.
 *
 * <p>The bytes are decoded here, strictly, in the encoding the document declares (a byte order mark, the XML
 * declaration's {@code encoding}, else UTF-8), and the parser reads characters: text in another encoding than the
 * declared one is one clear message naming the line, and the JDK parser's default error handler never gets to print
 * its own {@code [Fatal Error]} line on stderr. A file larger than {@link EntityMappings#MAX_FILE_BYTES} is refused
 * before it is read.
 */
public final class MappingXmlReader {

    private static final Logger LOG = LoggerFactory.getLogger(MappingXmlReader.class);

    private MappingXmlReader() {
    }

    /**
     * @param file         the XML file
     * @param connectionId the connection whose tables to take
     * @return the mapping of that connection's tables
     * @throws ConnectorException INVALID_MAPPING naming the file, line and element of every problem
     */
    public static EntityMapping read(Path file, String connectionId) {
        ConnectionIds.require(connectionId);
        if (Files.isDirectory(file)) {
            // opening a folder "succeeds" on Linux and fails only when read, as if the XML were broken
            throw new ConnectorException(ErrorCode.INVALID_MAPPING, "mapping file " + file + " is a folder, not a file");
        }
        try (InputStream in = new CappedInput(Files.newInputStream(file), EntityMappings.MAX_FILE_BYTES)) {
            if (Files.isRegularFile(file) && Files.size(file) > EntityMappings.MAX_FILE_BYTES) {
                throw tooLarge(file.toString(), Files.size(file));
            }
            XmlText.Decoded decoded = XmlText.open(in, file.toString());
            try {
                return read(decoded.reader(), file.toString(), connectionId);
            } catch (MalformedText e) {
                long line = XmlText.firstMalformedLine(file, decoded.charset());
                throw new ConnectorException(ErrorCode.INVALID_MAPPING, "mapping file " + file + " is not "
                        + decoded.charset().name() + " text" + (line > 0 ? " at line " + line : "")
                        + "; declare its encoding (e.g. <?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>) or save it as "
                        + "UTF-8");
            } catch (TooLarge e) {
                throw tooLarge(file.toString(), -1);
            }
        } catch (NoSuchFileException e) {
            throw new ConnectorException(ErrorCode.INVALID_MAPPING, "mapping file " + file + " does not exist");
        } catch (IOException e) {
            throw new ConnectorException(ErrorCode.INVALID_MAPPING, "mapping file " + file + " cannot be read: "
                    + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static ConnectorException tooLarge(String source, long size) {
        return new ConnectorException(ErrorCode.INVALID_MAPPING, "mapping file " + source + " is "
                + (size < 0 ? "larger than" : String.format(Locale.ROOT, "%.1f MB, more than", size / 1048576.0))
                + " the " + EntityMappings.MAX_FILE_BYTES / 1048576 + " MB a mapping file may hold");
    }

    /**
     * @throws MalformedText when the reader's decoder met bytes that are not in its encoding
     * @throws TooLarge      when the input passed the size cap
     */
    static EntityMapping read(Reader in, String source, String connectionId) {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false); // no DTD, hence no entity expansion of any kind (XXE)
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        trySet(f, XMLConstants.ACCESS_EXTERNAL_DTD, "");
        trySet(f, XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");

        List<String> errors = new ArrayList<>();
        Map<OktaTable, TableMapping> tables = new LinkedHashMap<>();
        Map<OktaTable, Integer> tableLines = new HashMap<>();
        Map<String, Pending> entityTypes = new HashMap<>(); // lower-case entity type → the table that has it
        XMLStreamReader r = null;
        try {
            r = f.createXMLStreamReader(in);
            int depth = 0;
            Pending pending = null;
            while (r.hasNext()) {
                int event = r.next();
                if (event == XMLStreamConstants.DTD) {
                    throw new ConnectorException(ErrorCode.INVALID_MAPPING, "mapping file " + source + " line "
                            + line(r) + ": a DOCTYPE is not allowed");
                }
                if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    String name = r.getLocalName();
                    if (pending == null && name.equals("EntityTypeMapping")) {
                        pending = startTable(r, connectionId, depth, errors);
                    } else if (pending != null && depth == pending.depth + 1 && name.equals("Property")) {
                        pending.property(r, errors);
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    if (pending != null && depth == pending.depth) {
                        pending.finish(tables, tableLines, entityTypes, errors);
                        pending = null;
                    }
                    depth--;
                }
            }
        } catch (XMLStreamException e) {
            if (e.getNestedException() instanceof CharacterCodingException) {
                throw new MalformedText();
            }
            if (e.getNestedException() instanceof CappedInput.Exceeded) {
                throw new TooLarge();
            }
            Location loc = e.getLocation();
            String where = loc == null ? "" : " at line " + loc.getLineNumber() + ", column " + loc.getColumnNumber();
            String msg = e.getMessage() == null ? "" : e.getMessage().replaceFirst("(?s)^ParseError at \\[row,col]:\\[\\d+,\\d+]\\s*Message:\\s*", "");
            throw new ConnectorException(ErrorCode.INVALID_MAPPING, "mapping file " + source + " is not well-formed XML"
                    + where + ": " + msg.strip());
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException ignored) {
                    // nothing to release beyond the stream, which the caller closes
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ConnectorException(ErrorCode.INVALID_MAPPING, "invalid mapping in " + source + ": "
                    + String.join("; ", errors));
        }
        return new EntityMapping(List.copyOf(tables.values()));
    }

    private static Pending startTable(XMLStreamReader r, String connectionId, int depth, List<String> errors) {
        int line = line(r);
        String table = attribute(r, "ConnectionTable");
        String entityType = attribute(r, "Identifier");
        if (table == null || table.isBlank()) {
            LOG.debug("mapping: EntityTypeMapping at line {} has no ConnectionTable; ignored", line);
            return new Pending(depth, line, null, null, table, null);
        }
        int sep = table.indexOf('_');
        String connection = sep < 0 ? table : table.substring(0, sep);
        if (!connection.equalsIgnoreCase(connectionId)) {
            LOG.debug("mapping: table {} at line {} belongs to another connection; ignored", table, line);
            return new Pending(depth, line, null, null, table, null);
        }
        String suffix = sep < 0 ? "" : table.substring(sep + 1);
        OktaTable t = OktaTable.ofSuffix(suffix).orElse(null);
        if (t == null) {
            errors.add("line " + line + ": EntityTypeMapping ConnectionTable=\"" + table + "\" names no table of connection "
                    + connectionId + " (expected " + connectionId + "_ followed by one of "
                    + Arrays.stream(OktaTable.values()).map(OktaTable::suffix).collect(Collectors.joining(", ")) + ")");
            return new Pending(depth, line, null, null, table, null);
        }
        String type = entityType == null || entityType.isBlank() ? t.defaultEntityType() : entityType.strip();
        return new Pending(depth, line, t, type, table, t.tableName(connectionId));
    }

    private static String attribute(XMLStreamReader r, String name) {
        for (int i = 0; i < r.getAttributeCount(); i++) {
            if (r.getAttributeLocalName(i).equals(name)) {
                return r.getAttributeValue(i);
            }
        }
        return null;
    }

    private static int line(XMLStreamReader r) {
        return r.getLocation() == null ? -1 : r.getLocation().getLineNumber();
    }

    private static void trySet(XMLInputFactory f, String property, Object value) {
        try {
            f.setProperty(property, value);
        } catch (IllegalArgumentException ignored) {
            // an implementation without the property has no external access to restrict
        }
    }

    /** The EntityTypeMapping being read; {@code table == null} means skipped (another connection). */
    private static final class Pending {
        final int depth;
        final int line;
        final OktaTable table;
        final String entityType;
        final String rawTable;
        final String tableName;
        final List<ColumnMapping> columns = new ArrayList<>();
        final Map<String, Integer> headerLines = new HashMap<>();
        final Map<String, Integer> propertyLines = new HashMap<>(); // lower-case: orders match identifiers ignoring case

        Pending(int depth, int line, OktaTable table, String entityType, String rawTable, String tableName) {
            this.tableName = tableName;
            this.depth = depth;
            this.line = line;
            this.table = table;
            this.entityType = entityType;
            this.rawTable = rawTable;
        }

        void property(XMLStreamReader r, List<String> errors) {
            if (table == null) {
                return;
            }
            int line = line(r);
            String column = attribute(r, "ConnectionColumn");
            String identifier = attribute(r, "Identifier");
            if (column == null) {
                LOG.debug("mapping: Property {} at line {} has no ConnectionColumn; ignored", identifier, line);
                return;
            }
            if (column.isBlank()) {
                errors.add("line " + line + ": Property" + (identifier == null ? "" : " Identifier=\"" + identifier + "\"")
                        + " of " + rawTable + " has an empty ConnectionColumn");
                return;
            }
            Integer first = headerLines.putIfAbsent(column.toLowerCase(Locale.ROOT), line);
            if (first != null) {
                errors.add("line " + line + ": ConnectionColumn=\"" + column + "\" of " + rawTable
                        + " is already mapped at line " + first);
                return;
            }
            String path = column.strip();
            String property = identifier == null || identifier.isBlank() ? path : identifier.strip();
            Integer firstProperty = propertyLines.putIfAbsent(property.toLowerCase(Locale.ROOT), line);
            if (firstProperty != null) {
                // an order's Changes key names one property: two columns behind one identifier are ambiguous
                errors.add("line " + line + ": Property Identifier=\"" + SettingsValues.excerpt(property) + "\" of "
                        + rawTable + " is already used at line " + firstProperty);
                return;
            }
            columns.add(new ColumnMapping(column, path, property));
        }

        void finish(Map<OktaTable, TableMapping> tables, Map<OktaTable, Integer> tableLines,
                    Map<String, Pending> entityTypes, List<String> errors) {
            if (table == null) {
                return;
            }
            Integer first = tableLines.putIfAbsent(table, line);
            if (first != null) {
                errors.add("line " + line + ": ConnectionTable=\"" + rawTable + "\" is already mapped at line " + first);
                return;
            }
            Pending other = entityTypes.putIfAbsent(entityType.toLowerCase(Locale.ROOT), this);
            if (other != null) {
                // an order's TargetEntityType names one table: the same identifier on two tables is ambiguous
                errors.add("line " + line + ": EntityTypeMapping Identifier=\"" + SettingsValues.excerpt(entityType)
                        + "\" of " + rawTable + " is already the entity type of " + other.rawTable + " at line " + other.line);
                return;
            }
            if (columns.isEmpty()) {
                if (headerLines.isEmpty()) {
                    errors.add("line " + line + ": EntityTypeMapping ConnectionTable=\"" + rawTable
                            + "\" has no Property with a ConnectionColumn");
                }
                return;
            }
            tables.put(table, new TableMapping(tableName, entityType, columns));
        }
    }

    /** The decoder met bytes that are not in the document's encoding. */
    static final class MalformedText extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MalformedText() {
            super(null, null, false, false);
        }
    }

    /** The input passed the size cap (a file whose size said otherwise: a pipe, a device, a growing file). */
    static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super(null, null, false, false);
        }
    }
}
