package io.oktaconnector.okta.internal.export;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Dotted paths ({@code profile.city}, {@code type.id}) compiled into a tree of field names and read straight from the
 * parser, one object at a time: one pass over Okta's bytes, no JSON tree, only the mapped fields rendered (a member
 * list's page of whole user objects yields just the ids). A field matches a path segment by its exact name first,
 * else the first field in the object's order whose name matches ignoring case (the seed writes
 * {@code lastMemberShipUpdated} for {@code lastMembershipUpdated}); a repeated name counts its last value.
 *
 * <p>Value rules ({@link Mode#VALUE}): missing, {@code null} and "" give an empty field ({@code null} here); strings
 * verbatim; numbers and booleans as their JSON text, as Okta wrote it; arrays and objects as compact JSON (numbers in
 * them as written too). The other modes serve the export itself: {@link Mode#TEXT} keeps only strings (an id),
 * {@link Mode#NUMBER} only numbers (a count). Immutable and thread-safe: each read has its own state.
 */
final class Projection implements PageBody.ObjectReader<String[]> {

    /** How a column renders the value at its path. */
    public enum Mode {
        /** The mapping's value rules. */
        VALUE,
        /** A string's text; anything else is absent ({@code null}). */
        TEXT,
        /** A number's JSON text; anything else is absent ({@code null}). */
        NUMBER
    }

    private static final JsonFactory JSON = new JsonFactory();
    private static final byte NONE = 0;
    private static final byte IGNORING_CASE = 1;
    private static final byte EXACT = 2;

    private final Node root = new Node(null, 0);
    private final Mode[] modes;
    private final int nodes;

    /**
     * @param paths the dotted paths, one per column (repeats allowed)
     * @param modes how each column renders, same size as {@code paths}
     */
    public Projection(List<String> paths, List<Mode> modes) {
        if (paths.size() != modes.size()) {
            throw new IllegalArgumentException("one mode per path");
        }
        this.modes = modes.toArray(new Mode[0]);
        int[] ids = {1};
        for (int c = 0; c < paths.size(); c++) {
            Node n = root;
            for (String segment : Objects.requireNonNull(paths.get(c), "path == null").split("\\.", -1)) {
                n = n.child(segment, ids);
            }
            n.columns = append(n.columns, c);
        }
        this.nodes = ids[0];
        root.seal();
    }

    /** @param paths dotted paths, all rendered by the value rules */
    public static Projection of(List<String> paths) {
        return new Projection(paths, paths.stream().map(p -> Mode.VALUE).toList());
    }

    /** @return the number of columns */
    public int columns() {
        return modes.length;
    }

    /**
     * Reads one object into a row.
     *
     * @param p a parser at the object's {@code START_OBJECT}; it ends on the object's {@code END_OBJECT}
     * @return the row, one value per column ({@code null} for an empty field)
     * @throws IOException when the object is not valid JSON
     */
    @Override
    public String[] read(JsonParser p) throws IOException {
        String[] row = new String[modes.length];
        object(p, root, new State(row, nodes), true);
        return row;
    }

    /** One read's state: the row, and per node how it was matched in the object being read. */
    private static final class State {
        final String[] row;
        final byte[] matched;
        final String[] foldedBy; // the field name that matched a node ignoring case

        State(String[] row, int nodes) {
            this.row = row;
            this.matched = new byte[nodes];
            this.foldedBy = new String[nodes];
        }
    }

    /**
     * Reads the object at the parser (at START_OBJECT) into the columns under {@code node}; ends at END_OBJECT.
     *
     * @param exactPath every name on the way here matched exactly (the export's own columns want no other)
     */
    private void object(JsonParser p, Node node, State s, boolean exactPath) throws IOException {
        for (Node c : node.children) {
            s.matched[c.id] = NONE;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            Node exact = node.exact.get(name);
            Node[] folded = null;
            if (exact == null || node.ambiguous) {
                // only names that no column spells exactly pay for the fold
                folded = node.folded.get(fold(name));
            }
            Node first = exact;
            List<Node> more = null; // rare: further nodes for the same field
            if (folded != null) {
                for (Node c : folded) {
                    // the first name matching ignoring case wins, or the same name again (its last value counts)
                    if (c != exact && (s.matched[c.id] == NONE
                            || s.matched[c.id] == IGNORING_CASE && name.equals(s.foldedBy[c.id]))) {
                        if (first == null) {
                            first = c;
                        } else {
                            if (more == null) {
                                more = new ArrayList<>(2);
                            }
                            more.add(c);
                        }
                    }
                }
            }
            boolean scalar = t != JsonToken.START_OBJECT && t != JsonToken.START_ARRAY;
            if (first == null) {
                p.skipChildren();
            } else if (more == null && (scalar || !first.isLeafAndInner())) {
                take(p, t, first, name, first == exact, s, exactPath);
            } else if (scalar) {
                take(p, t, first, name, first == exact, s, exactPath); // reading a scalar does not consume it
                for (Node c : more) {
                    take(p, t, c, name, c == exact, s, exactPath);
                }
            } else {
                // one container for several uses (names differing only in case, or a path that is a column and a
                // prefix of another): keep it as compact JSON, numbers as written, and read that for each use
                String json = compact(p);
                List<Node> targets = new ArrayList<>();
                targets.add(first);
                if (more != null) {
                    targets.addAll(more);
                }
                for (Node c : targets) {
                    boolean isExact = c == exact;
                    mark(c, name, isExact, s);
                    if (c.columns.length > 0) {
                        try (JsonParser again = JSON.createParser(json)) {
                            assign(again, again.nextToken(), c, s.row, exactPath && isExact);
                        }
                    }
                    if (c.children.length > 0 && t == JsonToken.START_OBJECT) {
                        try (JsonParser again = JSON.createParser(json)) {
                            again.nextToken();
                            object(again, c, s, exactPath && isExact);
                        }
                    }
                }
            }
        }
    }

    /** The value at the parser belongs to {@code c}: render it into c's columns, or descend into it. */
    private void take(JsonParser p, JsonToken t, Node c, String name, boolean exact, State s, boolean exactPath)
            throws IOException {
        mark(c, name, exact, s);
        if (t == JsonToken.START_OBJECT && c.children.length > 0) {
            object(p, c, s, exactPath && exact); // c has no columns of its own here: a node with both is replayed from compact JSON
        } else if (c.columns.length > 0) {
            assign(p, t, c, s.row, exactPath && exact);
        } else {
            p.skipChildren(); // a scalar or an array where an object belongs: the longer paths are missing
        }
    }

    private static void mark(Node c, String name, boolean exact, State s) {
        if (s.matched[c.id] != NONE) {
            // the exact name wins over an earlier match ignoring case, and a repeated name over its earlier value
            // (as in a tree): forget what the earlier one gave
            for (int col : c.subtree) {
                s.row[col] = null;
            }
        }
        s.matched[c.id] = exact ? EXACT : IGNORING_CASE;
        s.foldedBy[c.id] = exact ? null : name;
    }

    /** @param exactPath the value was reached by exact names only: the export's own columns take nothing else */
    private void assign(JsonParser p, JsonToken t, Node c, String[] row, boolean exactPath) throws IOException {
        String text = null;
        String json = null;
        for (int col : c.columns) {
            String v;
            switch (modes[col]) {
                case TEXT -> v = exactPath && t == JsonToken.VALUE_STRING ? p.getText() : null;
                case NUMBER -> v = exactPath && (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT)
                        ? p.getText() : null;
                default -> {
                    if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                        if (json == null) {
                            json = compact(p);
                        }
                        v = json;
                    } else if (t == JsonToken.VALUE_NULL) {
                        v = null;
                    } else {
                        if (text == null) {
                            text = p.getText();
                        }
                        v = text.isEmpty() ? null : text;
                    }
                }
            }
            row[col] = v;
        }
        if (json == null && (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY)) {
            p.skipChildren();
        }
    }

    /**
     * @return a key under which two names fold together exactly when {@link String#equalsIgnoreCase} says they are
     *         equal (per char: lower case of upper case), so that no locale changes the matching
     */
    static String fold(String name) {
        int i = 0;
        int n = name.length();
        while (i < n) {
            char c = name.charAt(i);
            if (c >= 0x80 || (c >= 'A' && c <= 'Z')) {
                break;
            }
            i++;
        }
        if (i == n) {
            return name; // ASCII without capitals, the common case: no copy
        }
        char[] out = name.toCharArray();
        for (; i < n; i++) {
            out[i] = Character.toLowerCase(Character.toUpperCase(out[i]));
        }
        return new String(out);
    }

    /** @return the container at the parser as compact JSON, numbers as written; the parser ends on its end token */
    private static String compact(JsonParser p) throws IOException {
        StringWriter out = new StringWriter(64);
        // the factory recycles the generator's buffers per thread
        try (JsonGenerator g = JSON.createGenerator(out)) {
            copy(p, g);
        }
        return out.toString();
    }

    private static void copy(JsonParser p, JsonGenerator g) throws IOException {
        switch (p.currentToken()) {
            case START_OBJECT -> {
                g.writeStartObject();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    g.writeFieldName(p.currentName());
                    p.nextToken();
                    copy(p, g);
                }
                g.writeEndObject();
            }
            case START_ARRAY -> {
                g.writeStartArray();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    copy(p, g);
                }
                g.writeEndArray();
            }
            case VALUE_STRING -> g.writeString(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> g.writeNumber(p.getText());
            case VALUE_TRUE -> g.writeBoolean(true);
            case VALUE_FALSE -> g.writeBoolean(false);
            case VALUE_NULL -> g.writeNull();
            default -> throw new JsonParseException(p, "unexpected token");
        }
    }

    private static int[] append(int[] a, int v) {
        int[] b = Arrays.copyOf(a, a.length + 1);
        b[a.length] = v;
        return b;
    }

    /** One field name on the way to columns. */
    private static final class Node {
        private final String name;
        private final int id;
        private final Map<String, Node> byName = new HashMap<>();
        private Map<String, Node> exact = Map.of();
        private Map<String, Node[]> folded = Map.of();
        private Node[] children = new Node[0];
        private int[] columns = new int[0];
        private int[] subtree = new int[0];
        private boolean ambiguous;

        Node(String name, int id) {
            this.name = name;
            this.id = id;
        }

        Node child(String segment, int[] ids) {
            return byName.computeIfAbsent(segment, s -> new Node(s, ids[0]++));
        }

        boolean isLeafAndInner() {
            return columns.length > 0 && children.length > 0;
        }

        /** Freezes the lookups, children first; returns the columns under this node. */
        int[] seal() {
            children = byName.values().toArray(new Node[0]);
            exact = Map.copyOf(byName);
            Map<String, List<Node>> f = new HashMap<>();
            int[] under = columns.clone();
            for (Node c : children) {
                f.computeIfAbsent(fold(c.name), k -> new ArrayList<>()).add(c);
                for (int col : c.seal()) {
                    under = append(under, col);
                }
            }
            Map<String, Node[]> folded = new HashMap<>();
            f.forEach((k, v) -> {
                folded.put(k, v.toArray(new Node[0]));
                ambiguous |= v.size() > 1;
            });
            this.folded = Map.copyOf(folded);
            this.subtree = under;
            return under;
        }
    }
}
