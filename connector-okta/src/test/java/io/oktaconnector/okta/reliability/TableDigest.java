package io.oktaconnector.okta.reliability;

import io.oktaconnector.csv.CsvOptions;
import io.oktaconnector.csv.CsvAppender;
import io.oktaconnector.simulator.SimOrg;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An order-independent fingerprint of a table (its header, its row count and the sum of a SHA-256-based hash of each
 * row), computed while streaming, so that exports of hundreds of thousands of rows are compared with the ground truth
 * without holding either in memory.
 *
 * @param header the header
 * @param rows   the row count
 * @param sum    the sum (mod 2^64) of the rows' hashes
 */
record TableDigest(List<String> header, long rows, long sum) {

    /** Accumulates rows. Not thread-safe. */
    static final class Builder {
        private final List<String> header;
        private final MessageDigest sha;
        private long rows;
        private long sum;

        Builder(List<String> header) {
            this.header = List.copyOf(header);
            try {
                this.sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        Builder add(List<String> row) {
            for (String v : row) {
                byte[] bytes = v.getBytes(StandardCharsets.UTF_8);
                // length-prefixed, so that no value can be mistaken for two (whatever characters it holds)
                sha.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
                sha.update(bytes);
            }
            sum += ByteBuffer.wrap(sha.digest(), 0, 8).getLong();
            rows++;
            return this;
        }

        TableDigest build() {
            return new TableDigest(header, rows, sum);
        }
    }

    /** @return the digests of the five tables the default export of {@code org} must write, by suffix */
    static Map<String, TableDigest> expected(SimOrg org) {
        Map<String, TableDigest> t = new LinkedHashMap<>();
        List<String> userCols = GroundTruth.userColumns(org);
        Builder users = new Builder(userCols);
        org.users().forEach(u -> users.add(userCols.stream().map(p -> GroundTruth.value(u, p)).toList()));
        t.put("users", users.build());
        List<String> groupCols = GroundTruth.groupColumns(org);
        Builder groups = new Builder(groupCols);
        Builder members = new Builder(List.of("groupId", "userId"));
        org.groups().forEach(g -> {
            groups.add(groupCols.stream().map(p -> GroundTruth.value(g, p)).toList());
            String gid = g.get("id").asText();
            org.groupMemberIds(gid).forEach(u -> members.add(List.of(gid, u)));
        });
        t.put("groups", groups.build());
        List<String> appCols = List.of("id", "created", "lastUpdated", "status", "name", "label", "signOnMode");
        Builder apps = new Builder(appCols);
        Builder links = new Builder(List.of("groupId", "appId"));
        org.apps().forEach(a -> {
            apps.add(appCols.stream().map(p -> GroundTruth.value(a, p)).toList());
            String aid = a.get("id").asText();
            org.appGroupAssignments(aid).forEach(x -> links.add(List.of(x.get("id").asText(), aid)));
        });
        t.put("apps", apps.build());
        t.put("groupsusers", members.build());
        t.put("groupsapps", links.build());
        return t;
    }

    /** @return the digest of one CSV file, read as a stream */
    static TableDigest of(Path csv) throws IOException {
        Builder[] b = {null};
        CsvAppender.read(csv, CsvOptions.DEFAULTS, row -> {
            if (b[0] == null) {
                b[0] = new Builder(row);
            } else {
                b[0].add(row);
            }
        });
        if (b[0] == null) {
            throw new IOException(csv + " is empty: not even a header");
        }
        return b[0].build();
    }

    /** @return the SHA-256 of a file's bytes, in hex, read as a stream */
    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                sha.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
