package ee.datahub.enquiryhub.api;

import static ee.datahub.enquiryhub.support.EnquiryJson.anEnquiry;

import ee.datahub.enquiryhub.support.HubApiTest;
import ee.datahub.enquiryhub.support.Party;
import ee.datahub.enquiryhub.support.V2Actor;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What the API v2 tests share: fresh participants acting through v2, and headers bent out of shape. */
abstract class V2Testing extends HubApiTest {

    static final String BASE = V2Actor.BASE;
    static final String CHANGES = BASE + "/changes";
    static final String OPEN_SUPPLIER = "OPEN_SUPPLIER";
    static final String GRID_OPERATOR = "GRID_OPERATOR";
    static final String ELECTRICITY = "ELECTRICITY";

    /** A fresh open supplier and grid operator in electricity, and a metering point of the grid operator. */
    record World(V2Actor supplier, V2Actor grid, String meter) {

        /** Sends an open DATA enquiry about the world's metering point and returns its id. */
        String enquiry() {
            return supplier.send(anEnquiry().about(meter)).get("id").stringValue();
        }
    }

    World freshWorld() {
        var grid = freshActor(GRID_OPERATOR, ELECTRICITY);
        return new World(
                freshActor(OPEN_SUPPLIER, ELECTRICITY), grid, hub.registerMeteringPoint(grid.party(), ELECTRICITY));
    }

    /** A freshly registered participant holding this one role and commodity, acting in them through v2. */
    V2Actor freshActor(String role, String commodity) {
        return hub.v2(hub.registerParty(List.of(role), List.of(commodity)), role, commodity);
    }

    V2Actor v2SupplierA() {
        return hub.v2(Party.SUPPLIER_A, OPEN_SUPPLIER, ELECTRICITY);
    }

    V2Actor v2GridA() {
        return hub.v2(Party.GRID_A, GRID_OPERATOR, ELECTRICITY);
    }

    /** Header pairs that override the defaults; a null value removes the header. */
    static Map<String, String> headers(String... namesAndValues) {
        var headers = new HashMap<String, String>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return headers;
    }

    /** An entity tag for a version, as the ETag header carries it. */
    static String tag(long version) {
        return "\"" + version + "\"";
    }

    static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
