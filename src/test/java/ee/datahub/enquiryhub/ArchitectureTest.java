package ee.datahub.enquiryhub;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The package graph stays acyclic, so that each capability can be read (and changed) on its own. */
@AnalyzeClasses(packages = "ee.datahub.enquiryhub", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule packagesDoNotDependOnEachOtherInCycles =
            slices().matching("ee.datahub.enquiryhub.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule domainDoesNotKnowTheWireFormats =
            com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
                    .that()
                    .resideInAnyPackage(
                            "ee.datahub.enquiryhub.enquiry..",
                            "ee.datahub.enquiryhub.feed..",
                            "ee.datahub.enquiryhub.participant..",
                            "ee.datahub.enquiryhub.access..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage("ee.datahub.enquiryhub.api..", "ee.datahub.enquiryhub.security..");

    /** The enquiry process refuses in its own terms; HTTP statuses, error codes and JSON paths belong to the doors. */
    @ArchTest
    static final ArchRule domainRefusesInItsOwnTerms = com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
            .that()
            .resideInAnyPackage(
                    "ee.datahub.enquiryhub.enquiry..",
                    "ee.datahub.enquiryhub.feed..",
                    "ee.datahub.enquiryhub.access..",
                    "ee.datahub.enquiryhub.write..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "ee.datahub.enquiryhub.error..",
                    "ee.datahub.enquiryhub.api..",
                    "ee.datahub.enquiryhub.web..",
                    "org.springframework.http..",
                    "jakarta.servlet..");

    /**
     * Push refuses in its own terms too and knows no inbound door: the v2 change it delivers is the one
     * representation it shares with the doors (api.shared).
     */
    @ArchTest
    static final ArchRule pushKnowsNoDoorNorItsErrors = com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
            .that()
            .resideInAPackage("ee.datahub.enquiryhub.push..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "ee.datahub.enquiryhub.error..",
                    "ee.datahub.enquiryhub.api.v1..",
                    "ee.datahub.enquiryhub.api.v2..",
                    "ee.datahub.enquiryhub.web..",
                    "org.springframework.http..",
                    "jakarta.servlet..");
}
