package io.oktaconnector.simulator;

import com.okta.sdk.authc.credentials.TokenClientCredentials;
import com.okta.sdk.cache.Caches;
import com.okta.sdk.client.Clients;
import com.okta.sdk.helper.ApiExceptionHelper;
import com.okta.sdk.resource.api.ApplicationApi;
import com.okta.sdk.resource.api.ApplicationGroupsApi;
import com.okta.sdk.resource.api.GroupApi;
import com.okta.sdk.resource.api.SchemaApi;
import com.okta.sdk.resource.api.UserApi;
import com.okta.sdk.resource.api.UserLifecycleApi;
import com.okta.sdk.resource.api.UserResourcesApi;
import com.okta.sdk.resource.client.ApiClient;
import com.okta.sdk.resource.client.ApiException;
import com.okta.sdk.resource.common.PagedList;
import com.okta.sdk.resource.model.AddGroupRequest;
import com.okta.sdk.resource.model.Application;
import com.okta.sdk.resource.model.ApplicationGroupAssignment;
import com.okta.sdk.resource.model.ApplicationSignOnMode;
import com.okta.sdk.resource.model.BookmarkApplication;
import com.okta.sdk.resource.model.BookmarkApplicationSettings;
import com.okta.sdk.resource.model.BookmarkApplicationSettingsApplication;
import com.okta.sdk.resource.model.CreateUserRequest;
import com.okta.sdk.resource.model.Group;
import com.okta.sdk.resource.model.GroupType;
import com.okta.sdk.resource.model.OktaUserGroupProfile;
import com.okta.sdk.resource.model.PasswordCredential;
import com.okta.sdk.resource.model.UpdateUserRequest;
import com.okta.sdk.resource.model.User;
import com.okta.sdk.resource.model.UserCredentials;
import com.okta.sdk.resource.model.UserProfile;
import com.okta.sdk.resource.model.UserStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The real okta-sdk-java 24.0.0 typed APIs, pointed at the simulator, exercise every endpoint. */
class OktaSdkConformanceTest {
    static OktaSimulator sim;
    static OktaSimulator lower;
    static ApiClient client;

    @BeforeAll
    static void start() {
        sim = OktaSimulator.builder().seed(4).users(230).groups(10).apps(10).hostileValues(true).start();
        lower = OktaSimulator.builder().seed(4).users(230).groups(10).apps(10).lowerCaseHeaders(true).start();
        client = client(sim);
    }

    @AfterAll
    static void stop() {
        sim.close();
        lower.close();
    }

    static ApiClient client(OktaSimulator s) {
        // the SDK reads this only in the builder's constructor: set it before Clients.builder()
        System.setProperty("okta.testing.disableHttpsCheck", "true");
        return Clients.builder().setOrgUrl(s.baseUrl())
                .setClientCredentials(new TokenClientCredentials(s.token()))
                .setCacheManager(Caches.newDisabledCacheManager())
                .setRetryMaxAttempts(0)
                .build();
    }

    private static <T> List<T> all(BiFunction<String, Integer, List<T>> page, int limit) {
        List<T> out = new ArrayList<>();
        String after = null;
        do {
            List<T> p = page.apply(after, limit);
            out.addAll(p);
            after = p instanceof PagedList<?> pl ? pl.getAfter() : null;
        } while (after != null);
        return out;
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void userApiPagesEveryUserInBothHeaderCases(boolean lowerCase) {
        OktaSimulator s = lowerCase ? lower : sim;
        UserApi users = new UserApi(lowerCase ? client(lower) : client);
        List<User> plain = all((after, limit) -> users.listUsers(null, null, after, limit, null, null, null, null), 50);
        assertThat(plain).extracting(User::getId).containsExactlyElementsOf(s.org().users()
                .filter(u -> !u.get("status").asText().equals("DEPROVISIONED")).map(u -> u.get("id").asText()).toList());
        List<User> everyone = all((after, limit) -> users.listUsers(null, null, after, limit, null, "status pr", null,
                null), 200);
        assertThat(everyone).hasSize((int) s.org().userCount());
        assertThat(everyone).extracting(User::getStatus).contains(UserStatus.DEPROVISIONED, UserStatus.STAGED,
                UserStatus.LOCKED_OUT, UserStatus.RECOVERY);
        User withArray = everyone.stream().filter(u -> u.getProfile().getAdditionalProperties().get("skills")
                instanceof List<?> l && !l.isEmpty()).findFirst().orElseThrow();
        assertThat(withArray.getType().getId()).startsWith("oty");
    }

    @Test
    void userGetCreateUpdateReplaceDeleteAndGroups() {
        UserApi users = new UserApi(client);
        String id = sim.org().users().findFirst().orElseThrow().get("id").asText();
        assertThat(users.getUser(id, null, null).getId()).isEqualTo(id);
        String login = sim.org().user(id).orElseThrow().at("/profile/login").asText();
        assertThat(users.getUser(login, null, null).getId()).isEqualTo(id);
        assertThat(new UserResourcesApi(client).listUserGroups(id)).isNotEmpty();

        UserProfile profile = new UserProfile();
        profile.setLogin("sdk.user@example.com");
        profile.setEmail("sdk.user@example.com");
        profile.setFirstName("Sdk");
        profile.setLastName("User");
        profile.getAdditionalProperties().put("skills", List.of("java", "a,b"));
        CreateUserRequest create = new CreateUserRequest();
        create.setProfile(profile);
        PasswordCredential pw = new PasswordCredential();
        pw.setValue("S3cret!pass");
        UserCredentials cred = new UserCredentials();
        cred.setPassword(pw);
        create.setCredentials(cred);
        String group = sim.org().groups().filter(g -> g.get("type").asText().equals("OKTA_GROUP")).findFirst()
                .orElseThrow().get("id").asText();
        create.setGroupIds(List.of(group));
        User created = users.createUser(create, true, false, null);
        assertThat(created.getStatus()).isEqualTo(UserStatus.ACTIVE);
        assertThat(sim.org().isMember(group, created.getId())).isTrue();

        assertThatThrownBy(() -> users.createUser(create, true, false, null))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(400);
                    assertThat(ApiExceptionHelper.getError(e).getErrorCode()).isEqualTo("E0000001");
                });

        UpdateUserRequest upd = new UpdateUserRequest();
        UserProfile p2 = new UserProfile();
        p2.setCity("Zürich");
        upd.setProfile(p2);
        assertThat(users.updateUser(created.getId(), upd, null).getProfile().getCity()).isEqualTo("Zürich");
        assertThat(sim.org().user(created.getId()).orElseThrow().at("/profile/firstName").asText()).isEqualTo("Sdk");

        UpdateUserRequest put = new UpdateUserRequest();
        profile.setFirstName("Replaced");
        put.setProfile(profile);
        assertThat(users.replaceUser(created.getId(), put, null).getProfile().getFirstName()).isEqualTo("Replaced");

        users.deleteUser(created.getId(), false, null);
        assertThat(sim.org().user(created.getId()).orElseThrow().get("status").asText()).isEqualTo("DEPROVISIONED");
        users.deleteUser(created.getId(), false, null);
        assertThat(sim.org().user(created.getId())).isEmpty();
        assertThatThrownBy(() -> users.getUser(created.getId(), null, null))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(404));
    }

    @Test
    void userLifecycleApi() {
        UserApi users = new UserApi(client);
        UserLifecycleApi life = new UserLifecycleApi(client);
        String id = sim.org().createUser((com.fasterxml.jackson.databind.node.ObjectNode) Http.MAPPER.createObjectNode()
                .put("login", "life.cycle@example.com").put("email", "life.cycle@example.com")
                .put("firstName", "Life").put("lastName", "Cycle"), "STAGED").get("id").asText();
        assertThat(life.activateUser(id, false).getActivationToken()).isNotBlank();
        assertThat(users.getUser(id, null, null).getStatus()).isEqualTo(UserStatus.PROVISIONED);
        life.reactivateUser(id, false);
        sim.org().setUserStatus(id, "ACTIVE");
        life.suspendUser(id);
        assertThat(users.getUser(id, null, null).getStatus()).isEqualTo(UserStatus.SUSPENDED);
        assertThatThrownBy(() -> life.suspendUser(id))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(400));
        life.unsuspendUser(id);
        life.resetFactors(id);
        sim.org().setUserStatus(id, "LOCKED_OUT");
        life.unlockUser(id);
        assertThatThrownBy(() -> life.activateUser(id, false))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(403);
                    assertThat(ApiExceptionHelper.getError(e).getErrorCode()).isEqualTo("E0000016");
                });
        life.deactivateUser(id, false, null);
        assertThat(users.getUser(id, null, null).getStatus()).isEqualTo(UserStatus.DEPROVISIONED);
    }

    @Test
    void groupApi() {
        GroupApi groups = new GroupApi(client);
        List<Group> all = all((after, limit) -> groups.listGroups(null, null, after, limit, "stats", null, null, null), 3);
        assertThat(all).hasSize(10);
        assertThat(all.get(0).getType()).isEqualTo(GroupType.BUILT_IN);
        assertThat(all).extracting(Group::getType).contains(GroupType.OKTA_GROUP, GroupType.APP_GROUP);
        String everyone = all.get(0).getId();
        assertThat(groups.getGroup(everyone).getProfile().getName()).isEqualTo("Everyone");
        List<User> members = all((after, limit) -> groups.listGroupUsers(everyone, after, limit), 100);
        assertThat(members).extracting(User::getId).containsExactlyElementsOf(sim.org().groupMemberIds(everyone).toList());
        assertThat(members).hasSizeGreaterThanOrEqualTo(230);

        AddGroupRequest req = new AddGroupRequest();
        OktaUserGroupProfile p = new OktaUserGroupProfile();
        p.setName("SDK group");
        p.setDescription("made by the SDK");
        req.setProfile(p);
        Group g = groups.addGroup(req);
        assertThat(g.getType()).isEqualTo(GroupType.OKTA_GROUP);
        p.setName("SDK group renamed");
        assertThat(groups.replaceGroup(g.getId(), req).getProfile().getName()).isEqualTo("SDK group renamed");
        String user = members.get(3).getId();
        groups.assignUserToGroup(g.getId(), user);
        assertThat(groups.listGroupUsers(g.getId(), null, null)).extracting(User::getId).containsExactly(user);
        groups.unassignUserFromGroup(g.getId(), user);
        assertThat(groups.listGroupUsers(g.getId(), null, null)).isEmpty();
        String withApps = sim.org().apps().flatMap(a -> sim.org().appGroupAssignments(a.get("id").asText()))
                .findFirst().orElseThrow().get("id").asText();
        assertThat(groups.listAssignedApplicationsForGroup(withApps, null, null)).isNotEmpty();
        groups.deleteGroup(g.getId());
        assertThat(sim.org().group(g.getId())).isEmpty();
    }

    @Test
    void applicationAndApplicationGroupsApi() {
        ApplicationApi apps = new ApplicationApi(client);
        List<Application> list = all((after, limit) -> apps.listApplications(null, after, null, limit, null, null, null), 4);
        assertThat(list).hasSize(10);
        assertThat(list).extracting(Application::getSignOnMode)
                .contains(ApplicationSignOnMode.SAML_2_0, ApplicationSignOnMode.UNKNOWN_DEFAULT_OPEN_API);
        assertThat(apps.getApplication(list.get(0).getId(), null).getId()).isEqualTo(list.get(0).getId());

        BookmarkApplication b = new BookmarkApplication();
        b.setName(BookmarkApplication.NameEnum.BOOKMARK);
        b.setLabel("SDK bookmark");
        b.setSignOnMode(ApplicationSignOnMode.BOOKMARK);
        BookmarkApplicationSettings settings = new BookmarkApplicationSettings();
        settings.setApp(new BookmarkApplicationSettingsApplication().url("https://example.com").requestIntegration(false));
        b.setSettings(settings);
        Application created = apps.createApplication(b, true, null);
        assertThat(created).isInstanceOf(BookmarkApplication.class);
        b.setLabel("SDK bookmark 2");
        assertThat(apps.replaceApplication(created.getId(), b).getLabel()).isEqualTo("SDK bookmark 2");

        ApplicationGroupsApi ag = new ApplicationGroupsApi(client);
        String group = sim.org().groups().skip(1).findFirst().orElseThrow().get("id").asText();
        ApplicationGroupAssignment a = new ApplicationGroupAssignment();
        a.setPriority(2);
        a.setProfile(Map.of("role", "admin"));
        assertThat(ag.assignGroupToApplication(created.getId(), group, a).getPriority()).isEqualTo(2);
        assertThat(ag.getApplicationGroupAssignment(created.getId(), group, null).getId()).isEqualTo(group);
        assertThat(ag.listApplicationGroupAssignments(created.getId(), null, null, null, null))
                .extracting(ApplicationGroupAssignment::getId).containsExactly(group);
        ag.unassignApplicationFromGroup(created.getId(), group);
        assertThat(sim.org().appGroupAssignments(created.getId())).isEmpty();

        assertThatThrownBy(() -> apps.deleteApplication(created.getId()))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(403);
                    assertThat(ApiExceptionHelper.getError(e).getErrorCode()).isEqualTo("E0000056");
                });
        apps.deactivateApplication(created.getId());
        apps.activateApplication(created.getId());
        apps.deactivateApplication(created.getId());
        apps.deleteApplication(created.getId());
        assertThat(sim.org().app(created.getId())).isEmpty();
    }

    @Test
    void schemaApi() {
        SchemaApi schemas = new SchemaApi(client);
        assertThat(schemas.getUserSchema("default").getDefinitions().getCustom().getProperties()).containsKey("skills");
        assertThat(schemas.getGroupSchema().getDefinitions().getCustom().getProperties()).containsKey("groupContact");
    }
}
