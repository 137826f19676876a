package ee.datahub.enquiryhub.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ee.datahub.enquiryhub.access.Grant;
import ee.datahub.enquiryhub.eic.Eic;
import ee.datahub.enquiryhub.participant.Commodity;
import ee.datahub.enquiryhub.participant.MarketRole;
import ee.datahub.enquiryhub.participant.Permission;
import ee.datahub.enquiryhub.person.People;
import ee.datahub.enquiryhub.person.PersonRefusal;
import ee.datahub.enquiryhub.person.PersonRefused;
import ee.datahub.enquiryhub.support.HubApiTest;
import ee.datahub.enquiryhub.support.WebClient;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A participant keeps a person who holds ADMIN (issue 16 item 6): its last ADMIN is refused, through the
 * web at the HTTP level (a 422 page, the right kept) and in the register, also when it is re-granted
 * without ADMIN; and two ADMINs revoking each other at once cannot both succeed (the second waits for
 * the first's transaction, held open here, and is then refused; without the participant's row lock
 * both would go through).
 */
class LastAdminTest extends HubApiTest {

    @Autowired
    People people;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void theLastAdminsRevocationIsRefusedWithAPageAndTheRightKept() {
        var party = new Eic(hub.registerParty(List.of("GRID_OPERATOR"), List.of("ELECTRICITY"))
                .eic());
        var admin = admin(party);
        var web = new WebClient("http://localhost:" + port);
        web.logIn(admin, "demo");
        var revoked = web.submit(
                "/web/admin/people",
                "/web/admin/people/revoke",
                Map.of("subject", admin, "role", "GRID_OPERATOR", "commodity", "ELECTRICITY"));
        assertThat(revoked.statusCode()).isEqualTo(422);
        assertThat(revoked.body()).contains("Teist haldurit (ADMIN) ei ole");
        assertThat(admins(party)).isEqualTo(1);

        assertThatThrownBy(() -> people.grant(
                        admin,
                        "Ainus Haldur",
                        new Grant(
                                party,
                                MarketRole.GRID_OPERATOR,
                                Commodity.ELECTRICITY,
                                Set.of(Permission.VIEWER_DIRECT_MESSAGE)),
                        "test"))
                .isInstanceOfSatisfying(
                        PersonRefused.class,
                        refused -> assertThat(refused.refusal()).isEqualTo(new PersonRefusal.LastAdmin(party)));
        assertThat(admins(party)).isEqualTo(1);
    }

    @Test
    void twoAdminsRevokingEachOtherAtOnceLeaveOneOfThem() throws Exception {
        var party = new Eic(hub.registerParty(List.of("GRID_OPERATOR"), List.of("ELECTRICITY"))
                .eic());
        var first = admin(party);
        var second = admin(party);
        // Threads of its own: the common pool may have one thread on two cores, and would run them in turn.
        var pool = Executors.newFixedThreadPool(2);
        var firstRevoked = new CountDownLatch(1);
        var commit = new CountDownLatch(1);
        var held = CompletableFuture.supplyAsync(
                () -> new TransactionTemplate(transactions).execute(status -> {
                    var done = people.revoke(first, party, MarketRole.GRID_OPERATOR, Commodity.ELECTRICITY);
                    firstRevoked.countDown();
                    try {
                        commit.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return done;
                }),
                pool);
        assertThat(firstRevoked.await(60, TimeUnit.SECONDS)).isTrue();
        var racing = CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return people.revoke(second, party, MarketRole.GRID_OPERATOR, Commodity.ELECTRICITY);
                    } catch (PersonRefused refused) {
                        return false;
                    }
                },
                pool);
        // The second revocation either finishes at once (nothing serialises them) or waits for a lock.
        for (int i = 0; i < 300 && !racing.isDone() && !waitingForALock(); i++) {
            Thread.sleep(100);
        }
        commit.countDown();
        assertThat(held.get(60, TimeUnit.SECONDS)).isTrue();
        assertThat(racing.get(60, TimeUnit.SECONDS))
                .as("the second revocation is refused")
                .isFalse();
        assertThat(admins(party)).as("one ADMIN is left").isEqualTo(1);
        pool.shutdown();
    }

    private String admin(Eic party) {
        var subject = "admin-" + UUID.randomUUID().toString().substring(0, 8);
        people.register(subject, "Ainus Haldur", false);
        people.grant(
                subject,
                "Ainus Haldur",
                new Grant(party, MarketRole.GRID_OPERATOR, Commodity.ELECTRICITY, Set.of(Permission.ADMIN)),
                "test");
        people.setEmbeddedPassword(subject, "demo");
        return subject;
    }

    private int admins(Eic party) {
        return jdbc.sql("select count(*) from person_grant where participant_eic = ? and 'ADMIN' = any (permissions)")
                .param(party.value())
                .query(Integer.class)
                .single();
    }

    private boolean waitingForALock() {
        return jdbc.sql("select count(*) from pg_locks where not granted")
                        .query(Integer.class)
                        .single()
                > 0;
    }
}
