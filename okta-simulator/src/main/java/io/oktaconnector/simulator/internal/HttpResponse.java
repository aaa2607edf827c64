package io.oktaconnector.simulator.internal;

import java.util.ArrayList;
import java.util.List;

/** A response as it goes on the wire: header names exactly as given, plus a transport action. */
public final class HttpResponse {
    /** What the connection does around the response. */
    public enum Action { NORMAL, RESET_BEFORE, RESET_AFTER, TRUNCATE }

    int status;
    final List<String[]> headers = new ArrayList<>(12);
    byte[] body = new byte[0];
    Action action = Action.NORMAL;

    public HttpResponse status(int s) {
        this.status = s;
        return this;
    }

    public int status() {
        return status;
    }

    public HttpResponse header(String name, String value) {
        headers.add(new String[] {name, value});
        return this;
    }

    public List<String[]> headers() {
        return headers;
    }

    public HttpResponse body(byte[] b) {
        this.body = b;
        return this;
    }

    public byte[] body() {
        return body;
    }

    public HttpResponse action(Action a) {
        this.action = a;
        return this;
    }

    public Action action() {
        return action;
    }

    static String reason(int status) {
        return switch (status) {
            case 100 -> "Continue";
            case 200 -> "OK";
            case 201 -> "Created";
            case 204 -> "No Content";
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 303 -> "See Other";
            case 307 -> "Temporary Redirect";
            case 308 -> "Permanent Redirect";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 411 -> "Length Required";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Status " + status;
        };
    }
}
