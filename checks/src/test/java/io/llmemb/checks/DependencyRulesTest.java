package io.llmemb.checks;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of docs/architecture.md, checked on the compiled main classes of every
 * module: a new package cycle, a library class that reaches up into the command line, or a service
 * that pulls in code it does not run fails the build here instead of being found in review.
 */
class DependencyRulesTest {

  /** The method core: what serving and the trainer run. */
  private static final String[] CORE = {
    "io.llmemb.files..",
    "io.llmemb.engine..",
    "io.llmemb.data",
    "io.llmemb.data.load..",
    "io.llmemb.data.prep..",
    "io.llmemb.data.store..",
    "io.llmemb.data.pipeline..",
    "io.llmemb.text..",
    "io.llmemb.srs..",
    "io.llmemb.training..",
    "io.llmemb.eval..",
    "io.llmemb.pca..",
    "io.llmemb.rat..",
    "io.llmemb.fuse..",
    "io.llmemb.bundle..",
    "io.llmemb.variant.."
  };

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    // Module jars in a reactor build, target/classes otherwise; test classes and test-fixture jars
    // left out.
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("io.llmemb");
  }

  @Test
  void noPackageCycles() {
    slices().matching("io.llmemb.(**)").should().beFreeOfCycles().check(classes);
  }

  /**
   * DJL's number overloads ({@code x.mul(2f)}) wrap the number in a tensor over a Java buffer that
   * a garbage collection may free before the backward pass reads it (the non-finite gradients of
   * docs/llmemb-method.md §13.1); code that is differentiated uses {@code io.llmemb.engine.Scalars}
   * instead. The optimiser's update runs without autograd and may keep them.
   */
  @Test
  void differentiatedCodeNeverHandsNdArrayABareNumber() {
    String ndArray = "ai.djl.ndarray.NDArray";
    String number = Number.class.getName();
    noClasses()
        .that()
        .resideInAnyPackage(
            "io.llmemb.srs..",
            "io.llmemb.rat..",
            "io.llmemb.fuse..",
            "io.llmemb.training..",
            "io.llmemb.llm..",
            "io.llmemb.scft..")
        .and()
        .doNotHaveFullyQualifiedName("io.llmemb.training.AdamOptimizer")
        .should()
        .callMethod(ndArray, "mul", number)
        .orShould()
        .callMethod(ndArray, "div", number)
        .orShould()
        .callMethod(ndArray, "maximum", number)
        .orShould()
        .callMethod(ndArray, "minimum", number)
        .orShould()
        .callMethod(ndArray, "pow", number)
        .check(classes);
  }

  @Test
  void theCommandLineIsALeaf() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.llmemb.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.llmemb.cli..")
        .check(classes);
  }

  @Test
  void theMethodCoreHasNoLlmRuntimeCommandLineReportOrKafka() {
    noClasses()
        .that()
        .resideInAnyPackage(CORE)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.llmemb.llm..",
            "io.llmemb.scft..",
            "io.llmemb.experiment..",
            "io.llmemb.data.fetch..",
            "io.llmemb.data.rdata..",
            "picocli..",
            "org.knowm.xchart..",
            "org.apache.kafka..",
            "io.micronaut..")
        .check(classes);
  }

  @Test
  void servingAndTrainerRunOnlyTheCore() {
    noClasses()
        .that()
        .resideInAnyPackage("io.llmemb.serving..", "io.llmemb.trainer..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.llmemb.llm..",
            "io.llmemb.scft..",
            "io.llmemb.experiment..",
            "io.llmemb.data.fetch..",
            "io.llmemb.data.rdata..",
            "picocli..",
            "org.knowm.xchart..")
        .check(classes);
  }

  @Test
  void onlyTheTestKitUsesJunit() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.llmemb.devstack.junit..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.junit..")
        .check(classes);
  }
}
