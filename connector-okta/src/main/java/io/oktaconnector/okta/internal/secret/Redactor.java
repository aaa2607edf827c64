package io.oktaconnector.okta.internal.secret;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.oktaconnector.api.ConnectorException;
import io.oktaconnector.api.Secret;
import io.oktaconnector.okta.OktaSettings;
import io.oktaconnector.okta.ProxySettings;
import io.oktaconnector.okta.TrustStoreSettings;
import io.oktaconnector.okta.internal.collect.LongHashSet;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Every value a run knows as secret, and the one place where text that leaves the process is cleaned of them: the
 * connection's credentials (API token, private key, proxy and trust store passwords, the default password), then,
 * per run, OAuth access tokens as they are fetched and every password sent in a request body (the order's own, a
 * generated or the default one). Whatever the source of a message (Okta's {@code errorCauses}, a proxy that echoes
 * the request, a parser quoting a body), each occurrence of a registered value, as given or JSON-escaped, becomes
 * {@code [hidden]} before the message is built into an exception, a result row, the journal or a log line.
 *
 * <p>Values are kept as 64-bit hashes per length, never as text (a run of many orders holds a few bytes per password,
 * and a heap dump holds no password from this registry); a text is searched with a rolling hash for each registered
 * length. Values shorter than {@link #MIN_LENGTH} are not registered: hiding every {@code "abc"} would garble messages
 * and hide nothing worth hiding. A run's registry ({@link #child()}) also applies its connection's. Thread-safe.
 */
public final class Redactor {

    /** What a secret becomes. */
    public static final String HIDDEN = "[hidden]";
    /** The shortest value registered. */
    public static final int MIN_LENGTH = 4;
    /** A registry that knows nothing: text passes unchanged. */
    public static final Redactor NONE = new Redactor(null);

    private static final long BASE = 0x9e3779b97f4a7c15L | 1;

    private final Redactor parent;
    private final Map<Integer, LongHashSet> byLength = new HashMap<>();
    private int[] lengths = new int[0];

    private Redactor(Redactor parent) {
        this.parent = parent;
    }

    /**
     * @param settings a connection's settings
     * @return a registry of its credentials
     */
    public static Redactor of(OktaSettings settings) {
        Redactor r = new Redactor(null);
        settings.apiKey().ifPresent(r::register);
        settings.privateKey().ifPresent(r::register);
        settings.proxy().map(ProxySettings::password).ifPresent(r::register);
        settings.trustStore().map(TrustStoreSettings::password).ifPresent(r::register);
        Secret password = settings.passwordReset().defaultPassword();
        if (password != null) {
            r.register(password);
        }
        return r;
    }

    /** @return a registry of one run: what is registered there stays there, and this one's values apply too */
    public Redactor child() {
        return new Redactor(this);
    }

    /** @param secret a secret, may be {@code null} */
    public void register(Secret secret) {
        if (secret != null) {
            register(secret.reveal());
        }
    }

    /**
     * Registers a value, as given, stripped of surrounding white space, and JSON-escaped (as a server echoing a JSON
     * body writes it).
     *
     * @param secret the value, may be {@code null}
     */
    public void register(String secret) {
        if (secret == null || this == NONE) {
            return;
        }
        add(secret);
        add(secret.strip());
        add(new String(JsonStringEncoder.getInstance().quoteAsString(secret)));
    }

    private synchronized void add(String value) {
        if (value.length() < MIN_LENGTH) {
            return;
        }
        LongHashSet set = byLength.computeIfAbsent(value.length(), k -> new LongHashSet(0));
        if (set.size() == 0) {
            int[] grown = Arrays.copyOf(lengths, lengths.length + 1);
            grown[lengths.length] = value.length();
            Arrays.sort(grown);
            lengths = grown;
        }
        set.add(LongHashSet.mix(hash(value, 0, value.length())));
    }

    /**
     * @param text any text, may be {@code null}
     * @return the text with every registered value replaced by {@link #HIDDEN}; the same instance when none occurs
     */
    public String redact(String text) {
        if (text == null || text.length() < MIN_LENGTH) {
            return text;
        }
        boolean[] hide = null;
        for (Redactor r = this; r != null; r = r.parent) {
            hide = r.mark(text, hide);
        }
        return hide == null ? text : replace(text, hide);
    }

    /**
     * @param e an exception about to leave the connector
     * @return it unchanged when neither its message nor its causes' hold a registered value; otherwise the same code
     *         with a cleaned message, and causes replaced by cleaned copies (class name, message, stack trace)
     */
    public ConnectorException redact(ConnectorException e) {
        if (!holdsSecret(e)) {
            return e;
        }
        ConnectorException clean = new ConnectorException(e.code(), redact(e.getMessage()), cleaned(e.getCause()));
        clean.setStackTrace(e.getStackTrace());
        return clean;
    }

    private boolean holdsSecret(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            String m = c.getMessage();
            if (m != null && !m.equals(redact(m))) {
                return true;
            }
        }
        return false;
    }

    private Throwable cleaned(Throwable t) {
        if (t == null) {
            return null;
        }
        Throwable c = new CleanedCause(t.getClass().getName() + (t.getMessage() == null ? ""
                : ": " + redact(t.getMessage())), t.getCause() == t ? null : cleaned(t.getCause()));
        c.setStackTrace(t.getStackTrace());
        return c;
    }

    /** A cause whose message was cleaned: it names the original exception's class. */
    static final class CleanedCause extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CleanedCause(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Marks the chars of {@code text} this registry's values cover; {@code hide} is created when needed. */
    private synchronized boolean[] mark(String text, boolean[] hide) {
        int n = text.length();
        for (int len : lengths) {
            if (len > n) {
                break;
            }
            LongHashSet set = byLength.get(len);
            long power = 1;
            for (int i = 1; i < len; i++) {
                power *= BASE;
            }
            long h = hash(text, 0, len);
            for (int start = 0; ; start++) {
                if (set.contains(LongHashSet.mix(h))) {
                    if (hide == null) {
                        hide = new boolean[n];
                    }
                    Arrays.fill(hide, start, start + len, true);
                }
                if (start + len >= n) {
                    break;
                }
                h = (h - text.charAt(start) * power) * BASE + text.charAt(start + len);
            }
        }
        return hide;
    }

    /** A polynomial hash of {@code text[from, to)}, the same one the rolling search computes. */
    private static long hash(String text, int from, int to) {
        long h = 0;
        for (int i = from; i < to; i++) {
            h = h * BASE + text.charAt(i);
        }
        return h;
    }

    private static String replace(String text, boolean[] hide) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            if (!hide[i]) {
                sb.append(text.charAt(i));
            } else if (i == 0 || !hide[i - 1]) {
                sb.append(HIDDEN);
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "Redactor[hidden]";
    }
}
