package ee.datahub.enquiryhub.api;

import static ee.datahub.enquiryhub.support.EnquiryJson.anEnquiry;
import static ee.datahub.enquiryhub.support.EnquiryJson.object;
import static org.assertj.core.api.Assertions.assertThat;

import ee.datahub.enquiryhub.support.Eics;
import ee.datahub.enquiryhub.support.EnquiryJson;
import ee.datahub.enquiryhub.support.V2Actor;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * The v2 list (spec §7): every filter alone and combined, {@code q} over the enquiry's and its
 * answers' comments with its wildcards taken literally, both sort orders, paging and totals, and what
 * each side sees. The enquiries are written once for the class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class V2ListTest extends V2Testing {

    private static final String NATURAL_GAS = "NATURAL_GAS";

    // One supplier's five electricity enquiries, created in this order: e1..e3 and e5 to grid operator
    // G (e3 answered, e5 closed by its answer), e4 to grid operator G2 (cancelled); and one gas enquiry
    // to G2.
    private record World(
            V2Actor supplier,
            V2Actor grid,
            V2Actor otherGrid,
            String meter1,
            String meter2,
            String meter3,
            String customer1,
            String customer2,
            List<JsonNode> enquiries,
            String gasEnquiry) {

        String id(int n) {
            return enquiries.get(n - 1).get("id").stringValue();
        }

        String createdAt(int n) {
            return enquiries.get(n - 1).get("createdAt").stringValue();
        }

        List<String> ids(int... ns) {
            return IntStream.of(ns).mapToObj(this::id).toList();
        }
    }

    private World world;

    private World world() {
        if (world != null) {
            return world;
        }
        var supplierParty = hub.registerParty(List.of(OPEN_SUPPLIER), List.of(ELECTRICITY, NATURAL_GAS));
        var gridParty = hub.registerParty(List.of(GRID_OPERATOR), List.of(ELECTRICITY));
        var otherGridParty = hub.registerParty(List.of(GRID_OPERATOR), List.of(ELECTRICITY, NATURAL_GAS));
        var supplier = hub.v2(supplierParty, OPEN_SUPPLIER, ELECTRICITY);
        var grid = hub.v2(gridParty, GRID_OPERATOR, ELECTRICITY);
        var otherGrid = hub.v2(otherGridParty, GRID_OPERATOR, ELECTRICITY);
        var meter1 = hub.registerMeteringPoint(gridParty, ELECTRICITY);
        var meter2 = hub.registerMeteringPoint(gridParty, ELECTRICITY);
        var meter3 = hub.registerMeteringPoint(otherGridParty, ELECTRICITY);
        var gasMeter = hub.registerMeteringPoint(otherGridParty, NATURAL_GAS);
        var customer1 = Eics.party();
        var customer2 = Eics.party();

        var e1 = supplier.send(
                anEnquiry().about(meter1).forCustomer(customer1).comment("The network fee in OCTOBER was too high"));
        var e2 = supplier.send(anEnquiry()
                .about(meter1)
                .forCustomer(customer2)
                .invoice("INV-1")
                .comment("The customer wants 100% of the fee back"));
        var e3 = supplier.send(anEnquiry()
                .about(meter2)
                .forCustomer(customer1)
                .invoice("INV-2")
                .comment("The reading of meter_2 looks wrong"));
        var e4 = supplier.send(anEnquiry().about(meter3).forCustomer(customer1).comment("A plain question"));
        var e5 = supplier.send(anEnquiry().about(meter1).forCustomer(customer1).comment("Another question"));
        grid.answerId(e3.get("id").stringValue(), "OPEN", "The meter was REPLACED in spring");
        assertThat(supplier.change(e4.get("id").stringValue(), object("requestStatus", "CANCEL"))
                        .status())
                .isEqualTo(200);
        grid.answerId(e5.get("id").stringValue(), "CLOSE", "Settled with a final word");
        var gas = supplier.actingAs(OPEN_SUPPLIER, NATURAL_GAS)
                .send(anEnquiry().about(gasMeter).forCustomer(customer1));

        var enquiries = List.of(e1, e2, e3, e4, e5).stream()
                .map(e -> supplier.read(e.get("id").stringValue()))
                .toList();
        world = new World(
                supplier,
                grid,
                otherGrid,
                meter1,
                meter2,
                meter3,
                customer1,
                customer2,
                enquiries,
                gas.get("id").stringValue());
        return world;
    }

    // the page

    @Test
    void aListIsAPageOfEnquiriesWithTheirAnswersNewestFirst() {
        var w = world();

        var list = w.supplier().list("");

        assertThat(list.status()).as("%s", list).isEqualTo(200);
        assertThat(list.header("Content-Type")).startsWith("application/json");
        var page = list.json();
        assertThat(page.propertyNames())
                .containsExactlyInAnyOrder("content", "page", "size", "totalElements", "totalPages");
        assertThat(page.get("content"))
                .extracting(e -> e.get("id").stringValue())
                .containsExactlyElementsOf(w.ids(5, 4, 3, 2, 1));
        assertThat(page.get("content").get(2))
                .as("each enquiry as GET answers it, answers included")
                .isEqualTo(w.enquiries().get(2));
        assertThat(page.get("content").get(2).get("responses")).hasSize(1);
        assertThat(page.get("page").intValue()).isEqualTo(0);
        assertThat(page.get("size").intValue()).as("the default size").isEqualTo(50);
        assertThat(page.get("totalElements").longValue()).isEqualTo(5);
        assertThat(page.get("totalPages").longValue()).isEqualTo(1);
    }

    @Test
    void bothSortOrdersOrderByCreationTime() {
        var w = world();

        assertThat(w.supplier().listIds("sort=createdAt,desc")).containsExactlyElementsOf(w.ids(5, 4, 3, 2, 1));
        assertThat(w.supplier().listIds("sort=createdAt,asc")).containsExactlyElementsOf(w.ids(1, 2, 3, 4, 5));
    }

    @Test
    void pagesSplitTheResultAndAPagePastTheEndIsEmpty() {
        var w = world();

        assertThat(w.supplier().listIds("size=2&page=0")).containsExactlyElementsOf(w.ids(5, 4));
        assertThat(w.supplier().listIds("size=2&page=1")).containsExactlyElementsOf(w.ids(3, 2));
        assertThat(w.supplier().listIds("size=2&page=2")).containsExactlyElementsOf(w.ids(1));
        assertThat(w.supplier().listIds("size=2&page=1&sort=createdAt,asc")).containsExactlyElementsOf(w.ids(3, 4));
        var past = w.supplier().list("size=2&page=3").json();
        assertThat(past.get("content")).isEmpty();
        assertThat(past.get("page").intValue()).isEqualTo(3);
        assertThat(past.get("size").intValue()).isEqualTo(2);
        assertThat(past.get("totalElements").longValue())
                .as("the totals still count the result")
                .isEqualTo(5);
        assertThat(past.get("totalPages").longValue()).isEqualTo(3);
    }

    @Test
    void theDefaultSizeIsFifty() {
        var supplier = freshActor(OPEN_SUPPLIER, ELECTRICITY);
        var meter =
                hub.registerMeteringPoint(freshActor(GRID_OPERATOR, ELECTRICITY).party(), ELECTRICITY);
        var batch =
                IntStream.range(0, 51).mapToObj(i -> anEnquiry().about(meter)).toList();
        var created = hub.v1(
                "POST",
                "/api/v1/direct-messages",
                supplier.party(),
                EnquiryJson.createBody(EnquiryJson.context(supplier.party().eic(), OPEN_SUPPLIER, ELECTRICITY), batch));
        assertThat(created.status()).as("%s", created).isEqualTo(201);

        var first = supplier.list("").json();
        var second = supplier.list("page=1").json();

        assertThat(first.get("content")).hasSize(50);
        assertThat(first.get("size").intValue()).isEqualTo(50);
        assertThat(first.get("totalElements").longValue()).isEqualTo(51);
        assertThat(first.get("totalPages").longValue()).isEqualTo(2);
        assertThat(second.get("content")).hasSize(1);
        assertThat(supplier.list("size=500").json().get("content"))
                .as("the maximum size")
                .hasSize(51);
    }

    @Test
    void nothingFoundIsAnEmptyPageWithNoPages() {
        var page = world().supplier().list("customerEic=" + Eics.party()).json();

        assertThat(page.get("content")).isEmpty();
        assertThat(page.get("totalElements").longValue()).isEqualTo(0);
        assertThat(page.get("totalPages").longValue()).isEqualTo(0);
    }

    @Test
    void aPagePastTheEndOfAShorterResultIsEmptyHoweverFar() {
        // ResultWindowTest: a page starting beyond the first 10 000 results of a longer result is refused.
        var w = world();

        for (var past : List.of("page=200&size=50", "page=20&size=500", "page=2147483647")) {
            var page = w.supplier().list(past);
            assertThat(page.status()).as("%s: %s", past, page).isEqualTo(200);
            assertThat(page.json().get("content")).isEmpty();
            assertThat(page.json().get("totalElements").longValue()).isEqualTo(5);
        }
    }

    // every filter

    @Test
    void meterEicFindsTheEnquiriesAboutThatMeteringPoint() {
        var w = world();

        assertThat(w.supplier().listIds("meterEic=" + w.meter1())).containsExactlyElementsOf(w.ids(5, 2, 1));
        assertThat(w.supplier().listIds("meterEic=" + w.meter2())).containsExactlyElementsOf(w.ids(3));
    }

    @Test
    void customerEicFindsTheCustomersEnquiries() {
        var w = world();

        assertThat(w.supplier().listIds("customerEic=" + w.customer1())).containsExactlyElementsOf(w.ids(5, 4, 3, 1));
        assertThat(w.supplier().listIds("customerEic=" + w.customer2())).containsExactlyElementsOf(w.ids(2));
    }

    @Test
    void senderEicAndReceiverEicFindTheParties() {
        var w = world();
        var supplierEic = w.supplier().party().eic();

        assertThat(w.supplier().listIds("senderEic=" + supplierEic)).containsExactlyElementsOf(w.ids(5, 4, 3, 2, 1));
        assertThat(w.supplier().listIds("senderEic=" + Eics.party())).isEmpty();
        assertThat(w.supplier().listIds("receiverEic=" + w.grid().party().eic()))
                .containsExactlyElementsOf(w.ids(5, 3, 2, 1));
        assertThat(w.supplier().listIds("receiverEic=" + w.otherGrid().party().eic()))
                .containsExactlyElementsOf(w.ids(4));
        assertThat(w.grid().listIds("senderEic=" + supplierEic))
                .as("on the receiver's side too")
                .containsExactlyElementsOf(w.ids(5, 3, 2, 1));
        assertThat(w.grid().listIds("receiverEic=" + w.otherGrid().party().eic()))
                .isEmpty();
    }

    @Test
    void topicStatusAndReferenceValueMatchExactly() {
        var w = world();

        assertThat(w.supplier().listIds("topic=INVOICE")).containsExactlyElementsOf(w.ids(3, 2));
        assertThat(w.supplier().listIds("topic=DATA")).containsExactlyElementsOf(w.ids(5, 4, 1));
        assertThat(w.supplier().listIds("status=OPEN")).containsExactlyElementsOf(w.ids(3, 2, 1));
        assertThat(w.supplier().listIds("status=CANCEL")).containsExactlyElementsOf(w.ids(4));
        assertThat(w.supplier().listIds("status=CLOSE")).containsExactlyElementsOf(w.ids(5));
        assertThat(w.supplier().listIds("referenceValue=INV-2")).containsExactlyElementsOf(w.ids(3));
        assertThat(w.supplier().listIds("referenceValue=INV"))
                .as("exactly, not a prefix")
                .isEmpty();
    }

    @Test
    void createdFromAndCreatedToBoundTheCreationTimeFromInclusiveToExclusive() {
        var w = world();

        assertThat(w.supplier().listIds("createdFrom=" + w.createdAt(2) + "&createdTo=" + w.createdAt(4)))
                .containsExactlyElementsOf(w.ids(3, 2));
        assertThat(w.supplier().listIds("createdFrom=" + w.createdAt(5))).containsExactlyElementsOf(w.ids(5));
        assertThat(w.supplier().listIds("createdTo=" + w.createdAt(2))).containsExactlyElementsOf(w.ids(1));
        assertThat(w.supplier().listIds("createdFrom=" + w.createdAt(3) + "&createdTo=" + w.createdAt(3)))
                .as("an empty range")
                .isEmpty();
        var offset = java.time.Instant.parse(w.createdAt(2))
                .atOffset(java.time.ZoneOffset.ofHours(3))
                .toString();
        assertThat(w.supplier().listIds("createdFrom=" + encoded(offset) + "&createdTo=" + w.createdAt(3)))
                .as("a time with an offset")
                .containsExactlyElementsOf(w.ids(2));
    }

    @Test
    void qFindsTextInTheEnquirysCommentCaseInsensitively() {
        var w = world();

        assertThat(w.supplier().listIds("q=october")).containsExactlyElementsOf(w.ids(1));
        assertThat(w.supplier().listIds("q=FEE")).containsExactlyElementsOf(w.ids(2, 1));
        assertThat(w.supplier().listIds("q=" + encoded("plain QUESTION"))).containsExactlyElementsOf(w.ids(4));
    }

    @Test
    void qFindsTextInAnyAnswersComment() {
        var w = world();

        assertThat(w.supplier().listIds("q=replaced")).containsExactlyElementsOf(w.ids(3));
        assertThat(w.supplier().listIds("q=" + encoded("FINAL word"))).containsExactlyElementsOf(w.ids(5));
        assertThat(w.grid().listIds("q=meter"))
                .as("the comment and the answer both hold it: listed once")
                .containsExactlyElementsOf(w.ids(3));
    }

    @Test
    void qTakesPercentAndUnderscoreLiterally() {
        var w = world();

        assertThat(w.supplier().listIds("q=" + encoded("%"))).containsExactlyElementsOf(w.ids(2));
        assertThat(w.supplier().listIds("q=" + encoded("100%"))).containsExactlyElementsOf(w.ids(2));
        assertThat(w.supplier().listIds("q=" + encoded("_"))).containsExactlyElementsOf(w.ids(3));
        assertThat(w.supplier().listIds("q=" + encoded("meter_2"))).containsExactlyElementsOf(w.ids(3));
        assertThat(w.supplier().listIds("q=" + encoded("meter%2"))).isEmpty();
        assertThat(w.supplier().listIds("q=" + encoded("\\")))
                .as("a backslash is a character too")
                .isEmpty();
    }

    @Test
    void filtersCombine() {
        var w = world();

        assertThat(w.supplier().listIds("meterEic=" + w.meter1() + "&topic=DATA"))
                .containsExactlyElementsOf(w.ids(5, 1));
        assertThat(w.supplier().listIds("meterEic=" + w.meter1() + "&topic=DATA&status=OPEN"))
                .containsExactlyElementsOf(w.ids(1));
        assertThat(w.supplier().listIds("customerEic=" + w.customer1() + "&q=question&sort=createdAt,asc"))
                .containsExactlyElementsOf(w.ids(4, 5));
        assertThat(w.grid()
                        .listIds("customerEic=" + w.customer1() + "&topic=INVOICE&referenceValue=INV-2&q=replaced"
                                + "&createdFrom=" + w.createdAt(1) + "&createdTo=" + w.createdAt(5)
                                + "&status=OPEN&meterEic=" + w.meter2()
                                + "&senderEic=" + w.supplier().party().eic() + "&receiverEic="
                                + w.grid().party().eic()))
                .as("every filter at once")
                .containsExactlyElementsOf(w.ids(3));
    }

    // what each side sees

    @Test
    void eachSideListsOnlyItsOwnEnquiriesInTheCommodityItActsIn() {
        var w = world();

        assertThat(w.grid().listIds("")).as("the receiver's inbox").containsExactlyElementsOf(w.ids(5, 3, 2, 1));
        assertThat(w.otherGrid().listIds("")).containsExactlyElementsOf(w.ids(4));
        assertThat(w.otherGrid().actingAs(GRID_OPERATOR, NATURAL_GAS).listIds(""))
                .containsExactly(w.gasEnquiry());
        assertThat(w.supplier().actingAs(OPEN_SUPPLIER, NATURAL_GAS).listIds(""))
                .containsExactly(w.gasEnquiry());
        assertThat(freshActor(OPEN_SUPPLIER, ELECTRICITY).listIds("meterEic=" + w.meter1()))
                .as("another supplier's")
                .isEmpty();
        assertThat(freshActor(GRID_OPERATOR, ELECTRICITY).listIds("")).isEmpty();
        assertThat(w.grid().list("").json().get("totalElements").longValue()).isEqualTo(4);
    }

    @Test
    void aParticipantInBothRolesListsOneSideAtATime() {
        var both = hub.registerParty(List.of(OPEN_SUPPLIER, GRID_OPERATOR), List.of(ELECTRICITY));
        var asSupplier = hub.v2(both, OPEN_SUPPLIER, ELECTRICITY);
        var asGrid = hub.v2(both, GRID_OPERATOR, ELECTRICITY);
        var ownMeter = hub.registerMeteringPoint(both, ELECTRICITY);
        var received = freshActor(OPEN_SUPPLIER, ELECTRICITY)
                .send(anEnquiry().about(ownMeter))
                .get("id")
                .stringValue();
        var otherMeter =
                hub.registerMeteringPoint(freshActor(GRID_OPERATOR, ELECTRICITY).party(), ELECTRICITY);
        var sent = asSupplier.send(anEnquiry().about(otherMeter)).get("id").stringValue();
        var toItself = asSupplier.send(anEnquiry().about(ownMeter)).get("id").stringValue();

        assertThat(asSupplier.listIds("")).containsExactly(toItself, sent);
        assertThat(asGrid.listIds("")).containsExactly(toItself, received);
    }
}
