package dev.tokencookie.settings.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The shipped web.xml lists every setting with its built-in default, so what a team reads there is what it gets.
 */
class WebXmlDefaultsTest {

    @Test
    void webXmlNamesEverySettingWithItsDefault() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document webXml = factory.newDocumentBuilder().parse(Path.of(System.getProperty("root.dir", "../.."), "webapp",
                "WEB-INF", "web.xml").toFile());
        Map<String, String> params = new LinkedHashMap<>();
        NodeList contextParams = webXml.getElementsByTagNameNS("*", "context-param");
        for (int i = 0; i < contextParams.getLength(); i++) {
            Element param = (Element) contextParams.item(i);
            params.put(text(param, "param-name"), text(param, "param-value"));
        }

        Map<String, String> defaults = new LinkedHashMap<>();
        for (Setting setting : Setting.values()) {
            if (setting.environmentOnly()) {
                continue;
            }
            defaults.put(setting.key(), setting.defaultValue());
        }
        assertEquals(defaults, params);
    }

    private static String text(Element parent, String name) {
        return parent.getElementsByTagNameNS("*", name).item(0).getTextContent().strip();
    }
}
