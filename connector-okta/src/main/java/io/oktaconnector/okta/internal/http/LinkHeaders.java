package io.oktaconnector.okta.internal.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Parses RFC 8288 {@code Link} headers: one header per link (Okta) or several links comma-joined in one header,
 * {@code rel} quoted or not, several relation types in one {@code rel}, header name in any case (the
 * {@link ResponseInfo} map ignores case). The SDK's helpers silently stop paging on the last three forms.
 */
public final class LinkHeaders {

    private LinkHeaders() {
    }

    /** One link: its target as written and its relation types, lower case. */
    public record Link(String target, List<String> rels) {
    }

    /**
     * @param info a response
     * @return the target of the first link whose relation types include {@code next}
     */
    public static Optional<String> next(ResponseInfo info) {
        for (String value : info.all("Link")) {
            for (Link l : parse(value)) {
                if (l.rels().contains("next")) {
                    return Optional.of(l.target());
                }
            }
        }
        return Optional.empty();
    }

    /**
     * @param value one header value
     * @return its links; malformed parts are skipped
     */
    public static List<Link> parse(String value) {
        List<Link> links = new ArrayList<>();
        int i = 0;
        int n = value.length();
        while (i < n) {
            int lt = value.indexOf('<', i);
            if (lt < 0) {
                break;
            }
            int gt = value.indexOf('>', lt + 1);
            if (gt < 0) {
                break;
            }
            String target = value.substring(lt + 1, gt).strip();
            i = gt + 1;
            List<String> rels = new ArrayList<>();
            // parameters up to the next comma that is outside quotes
            while (i < n) {
                char c = value.charAt(i);
                if (c == ',') {
                    i++;
                    break;
                }
                if (c != ';') {
                    i++;
                    continue;
                }
                i++;
                int eq = i;
                while (eq < n && value.charAt(eq) != '=' && value.charAt(eq) != ';' && value.charAt(eq) != ',') {
                    eq++;
                }
                String name = value.substring(i, eq).strip().toLowerCase(Locale.ROOT);
                if (eq >= n || value.charAt(eq) != '=') {
                    i = eq;
                    continue;
                }
                int v = eq + 1;
                while (v < n && value.charAt(v) == ' ') {
                    v++;
                }
                String paramValue;
                if (v < n && value.charAt(v) == '"') {
                    int close = value.indexOf('"', v + 1);
                    close = close < 0 ? n : close;
                    paramValue = value.substring(v + 1, close);
                    i = Math.min(n, close + 1);
                } else {
                    int end = v;
                    while (end < n && value.charAt(end) != ';' && value.charAt(end) != ',') {
                        end++;
                    }
                    paramValue = value.substring(v, end).strip();
                    i = end;
                }
                if (name.equals("rel")) {
                    for (String r : paramValue.strip().split("\\s+")) {
                        if (!r.isEmpty()) {
                            rels.add(r.toLowerCase(Locale.ROOT));
                        }
                    }
                }
            }
            links.add(new Link(target, List.copyOf(rels)));
        }
        return links;
    }
}
