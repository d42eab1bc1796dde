package dev.sprawl.analyze.credfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sprawl.analyze.Text;
import java.util.List;
import org.junit.jupiter.api.Test;

class HelpersTest {

    @Test
    void hostNeverKeepsUserinfo() {
        assertThat(Ids.host("https://user:pa@ss@db.acme.test:5432/app?x=1")).isEqualTo("db.acme.test:5432");
        assertThat(Ids.host("//registry.acme.test/npm/:")).isEqualTo("registry.acme.test");
        assertThat(Ids.host("hg.acme.test/repos")).isEqualTo("hg.acme.test");
        assertThat(Ids.host("")).isNull();
    }

    @Test
    void iniSectionsQuotesAndSeparators() {
        List<Ini.Section> s = Ini.parse(new Text("top = 1\n[a b]\n; c\nk1 = \"v 1\"\nk2: v#2;x\nk3 v3\n[c]\nx=y\n"), false);
        assertThat(s).extracting(Ini.Section::name).containsExactly("", "a b", "c");
        Ini.Section ab = s.get(1);
        assertThat(ab.value("k1")).isEqualTo("v 1");
        assertThat(ab.value("K2")).isEqualTo("v#2;x");
        assertThat(ab.value("k3")).isNull();
        assertThat(Ini.parse(new Text("k3 v3\n"), true).get(0).value("k3")).isEqualTo("v3");
        assertThat(Ini.parse(new Text("//h/:_authToken=abc:def\n"), false, false).get(0).value("//h/:_authToken"))
                .isEqualTo("abc:def");
    }

    @Test
    void xmlRefusesExternalEntitiesAndKeepsExtents() throws Exception {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><r><a>&e;</a></r>";
        assertThatThrownBy(() -> Xml.parse(new Text(xxe))).isInstanceOf(Xml.Malformed.class);
        String param = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY % p SYSTEM \"http://127.0.0.1:1/x.dtd\"> %p;]><r/>";
        // a parameter entity is not fetched either: parsing ends (well-formed or not) without a connection
        try {
            Xml.parse(new Text(param));
        } catch (Xml.Malformed expected) {
            assertThat(expected.getMessage()).doesNotContain("127.0.0.1");
        }
        String f = "pass" + "word";
        Text t = new Text("<s>\n  <server>\n    <id>x</id>\n    <" + f + ">v</" + f + ">\n  </server>\n</s>\n");
        Xml.Element root = Xml.parse(t);
        Xml.Element server = root.child("server");
        assertThat(t.line(server.start)).isEqualTo(2);
        Xml.Element pw = server.child(f);
        assertThat(t.slice(pw.valueSpan())).isEqualTo("v");
        assertThat(t.line(server.extent().end() - 1)).isEqualTo(5);
    }

    @Test
    void netrcTokensAndPgpassShape() {
        List<Tokens.Token> t = Tokens.of("# c\nmachine h login \"a b\" password \"x\\\"y\"\n");
        assertThat(t).extracting(Tokens.Token::text).containsExactly("machine", "h", "login", "a b", "password", "x\"y");
        assertThat(GradlePropertiesAnalyzer.prefix("systemprop.https.proxypassword")).isEqualTo("systemprop.https.proxy");
        assertThat(GradlePropertiesAnalyzer.prefix("password")).isNull();
    }
}
