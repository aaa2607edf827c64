package io.oktaconnector.simulator.internal;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Parser and evaluator for Okta's {@code filter} and {@code search} expressions: comparisons
 * ({@code eq sw co gt ge lt le}, {@code pr}) joined by {@code and}/{@code or} with parentheses.
 * Anything outside the supported subset is an {@link ApiError#badSearch()} (400 E0000031).
 */
public final class Query {
    /** Which expression language and which attributes and operators are allowed. */
    public record Dialect(boolean caseInsensitiveValues, Set<String> attributes, Set<String> operators,
                          Set<String> rangeAttributes, Set<String> containsAttributes) {
        boolean attributeAllowed(String a) {
            return attributes == null || attributes.contains(a);
        }
    }

    /** Users {@code filter}: a few attributes, {@code eq} only (range ops on lastUpdated), case-sensitive. */
    public static final Dialect USER_FILTER = new Dialect(false,
            Set.of("status", "lastUpdated", "id", "profile.login", "profile.email", "profile.firstName",
                    "profile.lastName"),
            Set.of("eq", "gt", "ge", "lt", "le"), Set.of("lastUpdated"), Set.of());
    /** Users {@code search}: any attribute, values case-insensitive. */
    public static final Dialect USER_SEARCH = new Dialect(true, null,
            Set.of("eq", "sw", "co", "gt", "ge", "lt", "le", "pr"), null,
            Set.of("profile.firstName", "profile.lastName", "profile.email", "profile.login"));
    /** Groups {@code filter}. */
    public static final Dialect GROUP_FILTER = new Dialect(false,
            Set.of("id", "type", "lastUpdated", "lastMembershipUpdated"),
            Set.of("eq", "gt", "ge", "lt", "le"), Set.of("lastUpdated", "lastMembershipUpdated"), Set.of());
    /** Groups {@code search}. */
    public static final Dialect GROUP_SEARCH = new Dialect(true, null,
            Set.of("eq", "sw", "co", "gt", "ge", "lt", "le", "pr"), null,
            Set.of("profile.name", "profile.description"));
    /** Apps {@code filter}. */
    public static final Dialect APP_FILTER = new Dialect(false, Set.of("id", "status", "name"),
            Set.of("eq"), Set.of(), Set.of());

    private final Dialect dialect;
    private final List<String> tokens;
    private int pos;

    private Query(Dialect dialect, List<String> tokens) {
        this.dialect = dialect;
        this.tokens = tokens;
    }

    /** Parses an expression into a predicate over an object's JSON. */
    public static Predicate<JsonNode> parse(String expression, Dialect dialect) {
        if (expression == null || expression.isBlank()) {
            throw ApiError.badSearch();
        }
        Query q = new Query(dialect, tokenize(expression));
        Predicate<JsonNode> p = q.or();
        if (q.pos != q.tokens.size()) {
            throw ApiError.badSearch();
        }
        return p;
    }

    private Predicate<JsonNode> or() {
        Predicate<JsonNode> left = and();
        while (peekWord("or")) {
            pos++;
            Predicate<JsonNode> right = and();
            Predicate<JsonNode> l = left;
            left = n -> l.test(n) || right.test(n);
        }
        return left;
    }

    private Predicate<JsonNode> and() {
        Predicate<JsonNode> left = term();
        while (peekWord("and")) {
            pos++;
            Predicate<JsonNode> right = term();
            Predicate<JsonNode> l = left;
            left = n -> l.test(n) && right.test(n);
        }
        return left;
    }

    private Predicate<JsonNode> term() {
        String t = next();
        if (t.equals("(")) {
            Predicate<JsonNode> inner = or();
            if (!next().equals(")")) {
                throw ApiError.badSearch();
            }
            return inner;
        }
        if (!t.matches("[A-Za-z_][A-Za-z0-9_.]*") || t.equalsIgnoreCase("not")) {
            throw ApiError.badSearch();
        }
        String attr = t;
        if (!dialect.attributeAllowed(attr)) {
            throw ApiError.badSearch();
        }
        String op = next().toLowerCase(Locale.ROOT);
        if (!dialect.operators().contains(op)) {
            throw ApiError.badSearch();
        }
        if (op.equals("pr")) {
            return n -> {
                JsonNode v = Json.path(n, attr);
                return v != null && !v.isNull();
            };
        }
        if (!op.equals("eq") && dialect.rangeAttributes() != null && (op.equals("gt") || op.equals("ge")
                || op.equals("lt") || op.equals("le")) && !dialect.rangeAttributes().contains(attr)) {
            throw ApiError.badSearch();
        }
        if (op.equals("co") && !dialect.containsAttributes().contains(attr)) {
            throw ApiError.badSearch();
        }
        String raw = next();
        Object value;
        if (raw.startsWith("\"")) {
            value = raw.substring(1);
        } else if (raw.equals("true") || raw.equals("false")) {
            value = Boolean.valueOf(raw);
        } else if (raw.matches("-?\\d+(\\.\\d+)?")) {
            value = Double.valueOf(raw);
        } else if (raw.equals("null")) {
            value = null;
        } else {
            throw ApiError.badSearch();
        }
        boolean ci = dialect.caseInsensitiveValues();
        return n -> matches(Json.path(n, attr), op, value, ci);
    }

    private static boolean matches(JsonNode v, String op, Object value, boolean ci) {
        if (v == null || v.isNull()) {
            return value == null && op.equals("eq");
        }
        if (v.isArray()) {
            for (JsonNode e : v) {
                if (matches(e, op, value, ci)) {
                    return true;
                }
            }
            return false;
        }
        if (value == null) {
            return false;
        }
        int cmp;
        if (value instanceof Double d) {
            if (!v.isNumber()) {
                return false;
            }
            cmp = Double.compare(v.asDouble(), d);
        } else if (value instanceof Boolean b) {
            return op.equals("eq") && v.isBoolean() && v.asBoolean() == b;
        } else {
            String s = v.isValueNode() ? v.asText() : v.toString();
            String x = (String) value;
            if (ci) {
                s = s.toLowerCase(Locale.ROOT);
                x = x.toLowerCase(Locale.ROOT);
            }
            switch (op) {
                case "sw":
                    return s.startsWith(x);
                case "co":
                    return s.contains(x);
                default:
                    cmp = s.compareTo(x);
            }
        }
        return switch (op) {
            case "eq" -> cmp == 0;
            case "gt" -> cmp > 0;
            case "ge" -> cmp >= 0;
            case "lt" -> cmp < 0;
            case "le" -> cmp <= 0;
            default -> false;
        };
    }

    private boolean peekWord(String w) {
        return pos < tokens.size() && tokens.get(pos).equalsIgnoreCase(w);
    }

    private String next() {
        if (pos >= tokens.size()) {
            throw ApiError.badSearch();
        }
        return tokens.get(pos++);
    }

    /** Tokens: "(" ")" words, and strings kept as a leading quote plus the unescaped content. */
    private static List<String> tokenize(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')') {
                out.add(String.valueOf(c));
                i++;
            } else if (c == '"') {
                StringBuilder sb = new StringBuilder("\"");
                i++;
                boolean closed = false;
                while (i < s.length()) {
                    char d = s.charAt(i++);
                    if (d == '\\' && i < s.length()) {
                        sb.append(s.charAt(i++));
                    } else if (d == '"') {
                        closed = true;
                        break;
                    } else {
                        sb.append(d);
                    }
                }
                if (!closed) {
                    throw ApiError.badSearch();
                }
                out.add(sb.toString());
            } else {
                int j = i;
                while (j < s.length() && !Character.isWhitespace(s.charAt(j)) && s.charAt(j) != '('
                        && s.charAt(j) != ')' && s.charAt(j) != '"') {
                    j++;
                }
                out.add(s.substring(i, j));
                i = j;
            }
        }
        return out;
    }
}
