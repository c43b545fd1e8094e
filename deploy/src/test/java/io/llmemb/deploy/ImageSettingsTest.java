package io.llmemb.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The Jib image settings of the root pom and the services (the images themselves are built with
 * -Pimages).
 */
class ImageSettingsTest {

  @Test
  void baseImageIsAPinnedJdk17Runtime() {
    String image = text(pom("pom.xml"), "/project/properties/jib.base.image");
    // A patch release, never a floating tag like 17-jre or latest.
    assertTrue(
        Pattern.matches(
            "eclipse-temurin:17\\.0\\.\\d+_\\d+-jre-\\w+(@sha256:[0-9a-f]{64})?", image),
        image);
  }

  @Test
  void imagesRunAsNonRootWithHeapFromTheContainerLimit() {
    Document root = pom("pom.xml");
    String jib =
        "/project/build/pluginManagement/plugins/plugin[artifactId='jib-maven-plugin']/configuration";
    String user = text(root, jib + "/container/user");
    assertFalse(user.startsWith("0") || user.startsWith("root"), "image user " + user);
    String flags = text(root, jib + "/container/jvmFlags");
    assertTrue(flags.contains("-XX:MaxRAMPercentage="), flags);
    assertFalse(flags.contains("-Xmx"), "a fixed -Xmx ignores the container limit: " + flags);
    assertEquals("${exec.mainClass}", text(root, jib + "/container/mainClass"));
    assertTrue(
        text(root, jib + "/pluginExtensions").contains("pytorch-native-"),
        "PyTorch natives get their own layer");
  }

  @Test
  void fatJarsAreBuiltOnlyOnRequest() {
    Document root = pom("pom.xml");
    assertEquals("true", text(root, "/project/properties/fatjar.skip"));
    String shade =
        "/project/build/pluginManagement/plugins/plugin[artifactId='maven-shade-plugin']";
    assertEquals("${fatjar.skip}", text(root, shade + "/configuration/skip"));
    assertEquals(
        "false", text(root, "/project/profiles/profile[id='fatjar']/properties/fatjar.skip"));
  }

  @Test
  void eachServiceBuildsAnImageExposingItsPort() {
    for (String service : Repo.SERVICES) {
      Document pom = pom("services/" + service + "/pom.xml");
      assertEquals("false", text(pom, "/project/properties/jib.skip"), service);
      assertEquals(
          ServiceConfig.load(service).defaultOf("PORT"),
          text(pom, "/project/properties/image.port"),
          service + ": image port differs from application.yml's PORT default");
    }
  }

  @Test
  void gpuVariantLoadsCudaNativesThroughDjl() {
    Document worker = pom("services/embedding-worker/pom.xml");
    String env =
        "/project/profiles/profile[id='gpu']/build/plugins/plugin[artifactId='jib-maven-plugin']"
            + "/configuration/container/environment";
    assertEquals("/opt/libtorch/lib", text(worker, env + "/PYTORCH_LIBRARY_PATH"));
    // The CUDA flavour whose JNI library pytorch-jni ships for PyTorch 2.7.1.
    assertEquals("cu128", text(worker, env + "/PYTORCH_FLAVOR"));
    assertEquals("gpu", text(worker, env + "/DEVICE"));
    assertTrue(ServiceConfig.load("embedding-worker").reads("DEVICE"));
  }

  private static Document pom(String relative) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      return factory
          .newDocumentBuilder()
          .parse(new ByteArrayInputStream(Repo.read(relative).getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new AssertionError("cannot parse " + relative, e);
    }
  }

  private static String text(Document doc, String xpath) {
    try {
      NodeList nodes =
          (NodeList)
              XPathFactory.newInstance().newXPath().evaluate(xpath, doc, XPathConstants.NODESET);
      assertEquals(
          1,
          nodes.getLength(),
          () -> "expected one node at " + xpath + ", found " + nodes.getLength());
      Element element = (Element) nodes.item(0);
      assertNotNull(element);
      return element.getTextContent().trim();
    } catch (javax.xml.xpath.XPathExpressionException e) {
      throw new AssertionError(xpath, e);
    }
  }
}
