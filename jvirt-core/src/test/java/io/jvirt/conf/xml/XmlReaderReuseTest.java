package io.jvirt.conf.xml;

import io.jvirt.error.ErrorNumber;
import io.jvirt.error.XmlException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** XmlReader reuses its parsers: a failed parse leaves nothing behind, and threads never share one. */
class XmlReaderReuseTest {
    @Test
    void aParseAfterFailuresSeesOnlyItsOwnDocument() {
        for (String bad : List.of("<a><b></a>", "<a x='1' x='2'/>", "<!DOCTYPE a [<!ENTITY e 'x'>]><a>&e;</a>", "<a>")) {
            XmlException e = assertThrows(XmlException.class, () -> XmlReader.parse(bad, "doc"));
            assertEquals(ErrorNumber.XML_DETAIL, e.number());
            XmlElement ok = XmlReader.parse("<root k='v'><child/></root>", "doc");
            assertEquals("root", ok.name());
            assertEquals(1, ok.childrenView().size());
            assertEquals("v", ok.requireAttr("k"));
        }
    }

    @Test
    void errorsStillNameTheLine() {
        XmlException e = assertThrows(XmlException.class, () -> XmlReader.parse("<a>\n<b>\n</a>", "domain_definition"));
        assertTrue(e.getMessage().contains("(domain_definition):3: "), e.getMessage());
    }

    @Test
    void concurrentParsesGetTheirOwnTrees() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                int n = i;
                results.add(pool.submit(() -> {
                    if (n % 7 == 0) {
                        assertThrows(XmlException.class, () -> XmlReader.parse("<broken", "doc"));
                    }
                    return XmlReader.parse("<d n='" + n + "'><c>" + n + "</c></d>", "doc").requireAttr("n");
                }));
            }
            for (int i = 0; i < results.size(); i++) {
                assertEquals(String.valueOf(i), results.get(i).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
