package ee.datahub.enquiryhub;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package graph stays acyclic, so that each capability can be read (and changed) on its own; and
 * the core speaks its own terms: HTTP statuses, error codes and wire formats belong to the doors.
 */
@AnalyzeClasses(packages = "ee.datahub.enquiryhub", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String[] DOORS = {
        "ee.datahub.enquiryhub.api..",
        "ee.datahub.enquiryhub.web..",
        "ee.datahub.enquiryhub.security..",
        "ee.datahub.enquiryhub.error.."
    };

    @ArchTest
    static final ArchRule packagesDoNotDependOnEachOtherInCycles =
            slices().matching("ee.datahub.enquiryhub.(**)").should().beFreeOfCycles();

    /** Every package but the doors (and their error answers) refuses in its own terms and delivers its own way. */
    @ArchTest
    static final ArchRule theCoreKnowsNoDoorNorErrorCodeNorHttpStatus = noClasses()
            .that()
            .resideOutsideOfPackages(DOORS)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "ee.datahub.enquiryhub.api..",
                    "ee.datahub.enquiryhub.web..",
                    "ee.datahub.enquiryhub.security..",
                    "ee.datahub.enquiryhub.error..",
                    "org.springframework.http..");

    /** The domain serves no requests: the servlet API is the doors', the trace id's and the audit trail's. */
    @ArchTest
    static final ArchRule theDomainServesNoRequests = noClasses()
            .that()
            .resideInAnyPackage(
                    "ee.datahub.enquiryhub.enquiry..",
                    "ee.datahub.enquiryhub.feed..",
                    "ee.datahub.enquiryhub.access..",
                    "ee.datahub.enquiryhub.write..",
                    "ee.datahub.enquiryhub.participant..",
                    "ee.datahub.enquiryhub.person..",
                    "ee.datahub.enquiryhub.push..",
                    "ee.datahub.enquiryhub.eic..",
                    "ee.datahub.enquiryhub.idempotency..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("jakarta.servlet..", "org.springframework.web..");
}
