package io.oktaconnector.okta;

import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.EntityMapping;
import io.oktaconnector.api.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The mapping reader against careless or hostile files (issue 13): duplicate property identifiers and entity types
 * are reported like the other duplicates, text in another encoding than the declared one is one message (and no
 * {@code [Fatal Error]} line from the JDK parser), and a huge file is refused before it is read.
 */
class MappingHardeningTest {
    private static final String ID = "Okta";

    @TempDir
    Path dir;

    private static String mapping(String body) {
        return "<?xml version=\"1.0\"?>\n<Configuration xmlns=\"urn:host\">\n" + body + "\n</Configuration>\n";
    }

    private String invalid(byte[] content) throws IOException {
        Path f = dir.resolve("mapping.xml");
        Files.write(f, content);
        ConnectorException e = org.junit.jupiter.api.Assertions.assertThrows(ConnectorException.class,
                () -> EntityMappings.read(f, ID));
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_MAPPING);
        return e.getMessage().replace(f.toString(), "{file}");
    }

    private String invalid(String xml) throws IOException {
        return invalid(xml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aPropertyIdentifierUsedTwiceInOneTableIsReported() throws IOException {
        assertThat(invalid(mapping("""
                <EntityTypeMapping Identifier="User" ConnectionTable="Okta_users">
                  <Property Identifier="id" ConnectionColumn="id" />
                  <Property Identifier="city" ConnectionColumn="profile.city" />
                  <Property Identifier="City" ConnectionColumn="profile.homeCity" />
                </EntityTypeMapping>"""))).isEqualTo("invalid mapping in {file}: line 6: Property Identifier=\"City\" of "
                + "Okta_users is already used at line 5");
    }

    @Test
    void theSameIdentifierInTwoTablesIsFine() throws IOException {
        Path f = dir.resolve("mapping.xml");
        Files.writeString(f, mapping("""
                <EntityTypeMapping Identifier="User" ConnectionTable="Okta_users"><Property Identifier="id" ConnectionColumn="id" /></EntityTypeMapping>
                <EntityTypeMapping Identifier="Group" ConnectionTable="Okta_groups"><Property Identifier="id" ConnectionColumn="id" /></EntityTypeMapping>
                <EntityTypeMapping Identifier="User" ConnectionTable="Other_users"><Property Identifier="id" ConnectionColumn="id" /></EntityTypeMapping>"""));
        EntityMapping m = EntityMappings.read(f, ID);
        assertThat(m.tables()).hasSize(2);
    }

    @Test
    void anEntityTypeOnTwoTablesIsReported() throws IOException {
        assertThat(invalid(mapping("""
                <EntityTypeMapping Identifier="Directory" ConnectionTable="Okta_users">
                  <Property ConnectionColumn="id" />
                </EntityTypeMapping>
                <EntityTypeMapping Identifier="directory" ConnectionTable="Okta_groups">
                  <Property ConnectionColumn="id" />
                </EntityTypeMapping>"""))).isEqualTo("invalid mapping in {file}: line 6: EntityTypeMapping "
                + "Identifier=\"directory\" of Okta_groups is already the entity type of Okta_users at line 3");
        // a table without Identifier has its default entity type, which another table may not take either
        assertThat(invalid(mapping("""
                <EntityTypeMapping ConnectionTable="Okta_users"><Property ConnectionColumn="id" /></EntityTypeMapping>
                <EntityTypeMapping Identifier="User" ConnectionTable="Okta_apps"><Property ConnectionColumn="id" /></EntityTypeMapping>""")))
                .isEqualTo("invalid mapping in {file}: line 4: EntityTypeMapping Identifier=\"User\" of Okta_apps is "
                        + "already the entity type of Okta_users at line 3");
    }

    @Test
    void undeclaredLatin1IsOneMessageAndNothingOnStderr() throws IOException {
        byte[] latin1 = mapping("""
                <EntityTypeMapping Identifier="User" ConnectionTable="Okta_users">
                  <Property Identifier="ville" ConnectionColumn="profile.city" />
                  <Property Identifier="caf\u00e9" ConnectionColumn="profile.cafe" />
                </EntityTypeMapping>""").getBytes(StandardCharsets.ISO_8859_1);
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        String message;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            message = invalid(latin1);
        } finally {
            System.setErr(err);
        }
        assertThat(message).isEqualTo("mapping file {file} is not UTF-8 text at line 5; declare its encoding (e.g. "
                + "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>) or save it as UTF-8");
        assertThat(captured.toString(StandardCharsets.UTF_8)).as("the XML parser's own error line").isEmpty();
    }

    @Test
    void declaredLatin1AndAByteOrderMarkAreRead() throws IOException {
        Path f = dir.resolve("mapping.xml");
        Files.write(f, ("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<r><EntityTypeMapping ConnectionTable=\"Okta_users\">"
                + "<Property Identifier=\"caf\u00e9\" ConnectionColumn=\"id\"/></EntityTypeMapping></r>")
                .getBytes(StandardCharsets.ISO_8859_1));
        assertThat(EntityMappings.read(f, ID).tables().get(0).columns().get(0).property()).isEqualTo("caf\u00e9");
        byte[] body = ("<r><EntityTypeMapping ConnectionTable=\"Okta_users\"><Property Identifier=\"caf\u00e9\" "
                + "ConnectionColumn=\"id\"/></EntityTypeMapping></r>").getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        Files.write(f, withBom);
        assertThat(EntityMappings.read(f, ID).tables().get(0).columns().get(0).property()).isEqualTo("caf\u00e9");
    }

    @Test
    void anUnknownDeclaredEncodingIsOneMessage() throws IOException {
        assertThat(invalid("<?xml version=\"1.0\" encoding=\"x-klingon\"?><r/>")).isEqualTo("mapping file {file} "
                + "declares the encoding x-klingon, which this Java runtime does not know; save it as UTF-8");
    }

    @Test
    void aMappingLargerThanTheCapIsRefusedBeforeItIsRead() throws IOException {
        Path f = dir.resolve("mapping.xml");
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.write(mapping("<EntityTypeMapping ConnectionTable=\"Okta_users\">").getBytes(StandardCharsets.UTF_8));
            raf.setLength(66L * 1024 * 1024); // sparse
        }
        assertThatThrownBy(() -> EntityMappings.read(f, ID)).isInstanceOfSatisfying(ConnectorException.class, e ->
                assertThat(e.getMessage()).isEqualTo("mapping file " + f + " is 66.0 MB, more than the 8 MB a mapping "
                        + "file may hold"));
    }
}
