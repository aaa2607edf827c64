package io.oktaconnector.benchmarks.internal;

import com.okta.sdk.authc.credentials.TokenClientCredentials;
import com.okta.sdk.cache.Caches;
import com.okta.sdk.client.Clients;
import com.okta.sdk.resource.api.ApplicationApi;
import com.okta.sdk.resource.api.ApplicationGroupsApi;
import com.okta.sdk.resource.api.GroupApi;
import com.okta.sdk.resource.api.UserApi;
import com.okta.sdk.resource.client.ApiClient;
import com.okta.sdk.resource.common.PagedList;
import com.okta.sdk.resource.model.Application;
import com.okta.sdk.resource.model.ApplicationGroupAssignment;
import com.okta.sdk.resource.model.Group;
import com.okta.sdk.resource.model.User;
import com.okta.sdk.resource.model.UserProfile;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The export a typical user writes with the SDK's typed API: {@code Clients.builder()} with the SDK's own retries and
 * the cache disabled, one request at a time, paging with {@code PagedList.getAfter()}, the same page sizes as ours,
 * a member list for every group, each app's groups, and a plain CSV writer. Runs only in its own child JVM
 * ({@link ExportProcess}), because it must set {@code okta.testing.disableHttpsCheck} to talk plain HTTP.
 */
final class BaselineExport {
    private static final List<String> USER_PROFILE = List.of("login", "email", "firstName", "lastName",
            "displayName", "title", "department", "city", "mobilePhone", "secondEmail", "countryCode",
            "employeeNumber", "costCenter");

    private BaselineExport() {
    }

    /** @return rows per table (users, groups, apps, groupsusers, groupsapps) */
    @SuppressWarnings("deprecation") // PagedList is the SDK's own paging helper in 24.0.0
    static Map<String, Long> run(String url, String token, Path dir, String id) throws IOException {
        // plain http to the loopback simulator; this JVM runs only the baseline
        System.setProperty("okta.testing.disableHttpsCheck", "true");
        ApiClient client = Clients.builder()
                .setOrgUrl(url)
                .setClientCredentials(new TokenClientCredentials(token))
                .setCacheManager(Caches.newDisabledCacheManager())
                .build();
        Files.createDirectories(dir);
        Map<String, Long> rows = new LinkedHashMap<>();
        UserApi users = new UserApi(client);
        GroupApi groups = new GroupApi(client);
        ApplicationApi apps = new ApplicationApi(client);
        ApplicationGroupsApi appGroups = new ApplicationGroupsApi(client);

        try (Csv out = new Csv(dir.resolve(id + "_users.csv"))) {
            List<String> header = new ArrayList<>(List.of("id", "status", "created", "activated", "statusChanged",
                    "lastLogin", "lastUpdated", "passwordChanged", "type.id"));
            USER_PROFILE.forEach(p -> header.add("profile." + p));
            header.addAll(List.of("profile.badgeNumber", "profile.skills", "profile.isContractor", "profile.bio"));
            out.row(header);
            String after = null;
            do {
                List<User> page = users.listUsers(null, null, after, 200, null, "status pr", null, null);
                for (User u : page) {
                    UserProfile p = u.getProfile();
                    Map<String, Object> extra = p == null ? Map.of() : p.getAdditionalProperties();
                    out.row(List.of(s(u.getId()), s(u.getStatus()), s(u.getCreated()), s(u.getActivated()),
                            s(u.getStatusChanged()), s(u.getLastLogin()), s(u.getLastUpdated()),
                            s(u.getPasswordChanged()), s(u.getType() == null ? null : u.getType().getId()),
                            s(p == null ? null : p.getLogin()), s(p == null ? null : p.getEmail()),
                            s(p == null ? null : p.getFirstName()), s(p == null ? null : p.getLastName()),
                            s(p == null ? null : p.getDisplayName()), s(p == null ? null : p.getTitle()),
                            s(p == null ? null : p.getDepartment()), s(p == null ? null : p.getCity()),
                            s(p == null ? null : p.getMobilePhone()), s(p == null ? null : p.getSecondEmail()),
                            s(p == null ? null : p.getCountryCode()), s(p == null ? null : p.getEmployeeNumber()),
                            s(p == null ? null : p.getCostCenter()), s(extra.get("badgeNumber")),
                            s(extra.get("skills")), s(extra.get("isContractor")), s(extra.get("bio"))));
                }
                after = page instanceof PagedList<User> pl ? pl.getAfter() : null;
            } while (after != null);
            rows.put("users", out.rows());
        }

        List<String> groupIds = new ArrayList<>();
        try (Csv out = new Csv(dir.resolve(id + "_groups.csv"))) {
            out.row(List.of("id", "created", "lastUpdated", "lastMembershipUpdated", "type", "profile.name",
                    "profile.description"));
            String after = null;
            do {
                List<Group> page = groups.listGroups(null, null, after, 200, null, null, null, null);
                for (Group g : page) {
                    groupIds.add(g.getId());
                    out.row(List.of(s(g.getId()), s(g.getCreated()), s(g.getLastUpdated()),
                            s(g.getLastMembershipUpdated()), s(g.getType()),
                            s(g.getProfile() == null ? null : g.getProfile().getName()),
                            s(g.getProfile() == null ? null : g.getProfile().getDescription())));
                }
                after = page instanceof PagedList<Group> pl ? pl.getAfter() : null;
            } while (after != null);
            rows.put("groups", out.rows());
        }

        List<String> appIds = new ArrayList<>();
        try (Csv out = new Csv(dir.resolve(id + "_apps.csv"))) {
            out.row(List.of("id", "created", "lastUpdated", "status", "name", "label", "signOnMode"));
            String after = null;
            do {
                List<Application> page = apps.listApplications(null, after, null, 200, null, null, null);
                for (Application a : page) {
                    appIds.add(a.getId());
                    out.row(List.of(s(a.getId()), s(a.getCreated()), s(a.getLastUpdated()), s(a.getStatus()),
                            s(name(a)), s(a.getLabel()), s(a.getSignOnMode())));
                }
                after = page instanceof PagedList<Application> pl ? pl.getAfter() : null;
            } while (after != null);
            rows.put("apps", out.rows());
        }

        try (Csv out = new Csv(dir.resolve(id + "_groupsusers.csv"))) {
            out.row(List.of("groupId", "userId"));
            for (String g : groupIds) {
                String after = null;
                do {
                    List<User> page = groups.listGroupUsers(g, after, 1000);
                    for (User u : page) {
                        out.row(List.of(g, u.getId()));
                    }
                    after = page instanceof PagedList<User> pl ? pl.getAfter() : null;
                } while (after != null);
            }
            rows.put("groupsusers", out.rows());
        }

        try (Csv out = new Csv(dir.resolve(id + "_groupsapps.csv"))) {
            out.row(List.of("groupId", "appId"));
            for (String a : appIds) {
                String after = null;
                do {
                    List<ApplicationGroupAssignment> page =
                            appGroups.listApplicationGroupAssignments(a, null, after, 200, null);
                    for (ApplicationGroupAssignment x : page) {
                        out.row(List.of(x.getId(), a));
                    }
                    after = page instanceof PagedList<ApplicationGroupAssignment> pl ? pl.getAfter() : null;
                } while (after != null);
            }
            rows.put("groupsapps", out.rows());
        }
        return rows;
    }

    /** The typed base class has no name; the sign-on-mode subclasses do. */
    private static Object name(Application a) {
        try {
            return a.getClass().getMethod("getName").invoke(a);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    private static String s(Object o) {
        return o == null ? "" : o.toString();
    }

    /** A plain RFC 4180 writer: quotes only where needed. */
    private static final class Csv implements AutoCloseable {
        private final BufferedWriter w;
        private long rows = -1; // the header is not a row

        Csv(Path file) throws IOException {
            w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        }

        void row(List<String> values) throws IOException {
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    w.write(',');
                }
                String v = values.get(i);
                if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
                    w.write('"');
                    w.write(v.replace("\"", "\"\""));
                    w.write('"');
                } else {
                    w.write(v);
                }
            }
            w.write("\r\n");
            rows++;
        }

        long rows() {
            return rows;
        }

        @Override
        public void close() throws IOException {
            w.close();
        }
    }
}
