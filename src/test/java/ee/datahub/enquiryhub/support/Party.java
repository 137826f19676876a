package ee.datahub.enquiryhub.support;

/** A participant with one technical user, as the tests act for it. */
public record Party(String eic, String clientId, String secret) {

    /** The demo participants of the default start (README). */
    public static final Party SUPPLIER_A = new Party("38X-EIN-OS-----J", "supplier-a-erp", "supplier-a-secret");

    public static final Party SUPPLIER_B = new Party("38X-DEMO-SUPB--T", "supplier-b-erp", "supplier-b-secret");
    public static final Party GRID_A = new Party("38X-EIN-ALL----B", "grid-a-erp", "grid-a-secret");
    public static final Party GRID_B = new Party("38X-DEMO-GOB---8", "grid-b-erp", "grid-b-secret");
    public static final Party CDN = new Party("38X-DEMO-CDN---5", "cdn-erp", "cdn-secret");
    public static final Party HUB_OPERATOR = new Party(null, "hub-operator", "hub-operator-secret");

    /** Demo metering points. */
    public static final String METER_GRID_A = "38ZGO-1000001U-D";

    public static final String METER_GRID_A_2 = "38ZGO-1000002U-9";
    public static final String METER_GRID_B = "38ZGB-2000001E-M";
    public static final String METER_GRID_B_GAS = "38ZGB-2000002G-C";
    public static final String METER_CDN = "38ZCD-3000001E-3";
    public static final String CUSTOMER = "38X-AVP-ZW6700C6";
}
