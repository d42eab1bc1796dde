package dev.sprawl.eval;

import static dev.sprawl.eval.Format.of;
import static dev.sprawl.eval.Syntaxes.JSON;
import static dev.sprawl.eval.Syntaxes.KEY_BLOCK;
import static dev.sprawl.eval.Syntaxes.XML_ELEM;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Files of desktop clients: FTP, database and browser password stores, SSH key files. */
final class ClientFormats {

    private ClientFormats() {
    }

    static List<Format> all() {
        return List.of(
            of("filezilla-recentservers", ".config/filezilla/recentservers.xml", d -> filezilla(d, false)),
            of("filezilla-sitemanager", ".config/filezilla/sitemanager.xml", d -> filezilla(d, true)),
            of("dbeaver-data-sources", ".local/share/DBeaverData/workspace6/General/.dbeaver/data-sources.json",
                ClientFormats::dbeaver),
            of("firefox-logins", ".mozilla/firefox/x1a2b3.default-release/logins.json", ClientFormats::firefox),
            of("putty-ppk", "keys/server.ppk", ClientFormats::ppk),
            of("openssh-private-key", ".ssh/id_ed25519", ClientFormats::opensshKey),
            of("pem-private-key", "certs/server.key", ClientFormats::pemKey));
    }

    static void filezilla(Doc d, boolean siteManager) {
        Gen g = d.g;
        d.line("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<FileZilla3 version=\"3.66.4\" platform=\"unix\">");
        d.line(siteManager ? "\t<Servers>\n\t\t<Folder expanded=\"1\">" + Gen.cap(g.service()) : "\t<RecentServers>");
        int n = g.between(1, 3);
        String ind = siteManager ? "\t\t\t" : "\t\t";
        for (int i = 0; i < n; i++) {
            d.line(ind + "<Server>");
            String host = g.chance(0.3) ? g.ip() : "ftp." + g.domain();
            int hl = d.line(ind + "\t<Host>" + host + "</Host>");
            d.line(ind + "\t<Port>" + g.pick(new String[] {"21", "22", "990"}) + "</Port>\n" + ind
                    + "\t<Protocol>" + g.between(0, 1) + "</Protocol>\n" + ind + "\t<Type>0</Type>");
            String user = g.user();
            int ul = d.line(ind + "\t<User>" + user + "</User>");
            if (d.neg) {
                d.line(ind + "\t<Logontype>2</Logontype>");
                d.decoy(XML_ELEM, ind + "\t<Pass encoding=\"base64\" />");
            } else {
                Gen.Val p = g.secret("punct", "alnum", "passphrase").map(Gen::b64).shape("encoded");
                d.sec("password", XML_ELEM, ind + "\t<Pass encoding=\"base64\">" + p + "</Pass>", p)
                        .id("user", user, ul).id("host", host, hl);
                d.line(ind + "\t<Logontype>1</Logontype>");
            }
            d.line(ind + "\t<PasvMode>MODE_DEFAULT</PasvMode>\n" + ind + "\t<EncodingType>Auto</EncodingType>\n" + ind
                    + "\t<BypassProxy>0</BypassProxy>");
            if (siteManager) {
                d.line(ind + "\t<Name>" + g.service() + "</Name>\n" + ind + "\t<SyncBrowsing>0</SyncBrowsing>");
            }
            d.line(ind + "</Server>");
        }
        d.line(siteManager ? "\t\t</Folder>\n\t</Servers>\n</FileZilla3>" : "\t</RecentServers>\n</FileZilla3>");
    }

    static void dbeaver(Doc d) {
        Gen g = d.g;
        String id = "postgres-jdbc-" + g.of(Gen.HEX, 11) + "-" + g.of(Gen.HEX, 16);
        String host = g.host();
        String user = g.user();
        d.line("{\n\t\"folders\": {},\n\t\"connections\": {");
        d.line("\t\t\"" + id + "\": {\n\t\t\t\"provider\": \"postgresql\",\n\t\t\t\"driver\": \"postgres-jdbc\",\n"
                + "\t\t\t\"name\": \"" + g.service() + " prod\",\n\t\t\t\"save-password\": true,\n"
                + "\t\t\t\"configuration\": {");
        int hl = d.line("\t\t\t\t\"host\": \"" + host + "\",");
        d.line("\t\t\t\t\"port\": \"5432\",\n\t\t\t\t\"database\": \"" + g.service() + "\",\n\t\t\t\t\"url\": \"jdbc:postgresql://"
                + host + ":5432/" + g.service() + "\",\n\t\t\t\t\"configurationType\": \"MANUAL\",\n\t\t\t\t\"home\": \"/usr/bin\",\n"
                + "\t\t\t\t\"type\": \"prod\",");
        int ul = d.line("\t\t\t\t\"user\": \"" + user + "\",");
        Gen.Val p = d.v("punct", "alnum", "passphrase").map(Gen::json);
        d.sec("password", JSON, "\t\t\t\t\"password\": \"" + p + "\",", p).id("user", user, ul).id("host", host, hl);
        d.line("\t\t\t\t\"auth-model\": \"native\"\n\t\t\t}\n\t\t}\n\t},\n\t\"connection-types\": {\n\t\t\"prod\": {\n"
                + "\t\t\t\"name\": \"Production\",\n\t\t\t\"color\": \"247,159,129\",\n\t\t\t\"auto-commit\": false,\n"
                + "\t\t\t\"confirm-execute\": true\n\t\t}\n\t}\n}");
    }

    /** Base64 of the DER that NSS writes for an encrypted login field (3DES-CBC, key id, IV, ciphertext). */
    static String nssBlob(Gen g, int plainLen) {
        int ctLen = (plainLen / 8 + 1) * 8;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        byte[] keyId = new byte[16];
        keyId[0] = (byte) 0xf8;
        keyId[15] = 1;
        byte[] algo = {0x30, 0x14, 0x06, 0x08, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x03, 0x07,
            0x04, 0x08};
        int inner = 2 + 16 + algo.length + 8 + 2 + ctLen;
        o.write(0x30);
        o.write(inner);
        o.write(0x04);
        o.write(16);
        o.writeBytes(keyId);
        o.writeBytes(algo);
        o.writeBytes(g.bytes(8));
        o.write(0x04);
        o.write(ctLen);
        o.writeBytes(g.bytes(ctLen));
        return Gen.b64(o.toByteArray());
    }

    static void firefox(Doc d) {
        Gen g = d.g;
        StringBuilder sb = new StringBuilder("{\"nextId\":" + g.between(5, 90) + ",\"logins\":[");
        int n = g.between(1, 3);
        for (int i = 0; i < n; i++) {
            sb.append(i > 0 ? "," : "").append("{\"id\":").append(i + 1).append(",\"hostname\":\"https://")
                    .append(g.host()).append("\",\"httpRealm\":null,\"formSubmitURL\":\"https://").append(g.domain())
                    .append("\",\"usernameField\":\"login\",\"passwordField\":\"password\",\"encryptedUsername\":\"")
                    .append(nssBlob(g, 12)).append("\",\"encryptedPassword\":\"").append(nssBlob(g, g.between(8, 24)))
                    .append("\",\"guid\":\"{").append(g.uuid()).append("}\",\"encType\":1,\"timeCreated\":")
                    .append(g.between(1_600_000_000, 1_700_000_000)).append("123,\"timeLastUsed\":")
                    .append(g.between(1_700_000_000, 1_760_000_000)).append("456,\"timePasswordChanged\":")
                    .append(g.between(1_600_000_000, 1_700_000_000)).append("789,\"timesUsed\":").append(g.between(1, 50))
                    .append("}");
        }
        sb.append("],\"potentiallyVulnerablePasswords\":[],\"dismissedBreachAlertsByLoginGUID\":{},\"version\":3}");
        String text = sb.toString();
        if (d.neg) {
            d.decoy(JSON, "{\"nextId\":1,\"logins\":[],\"potentiallyVulnerablePasswords\":[],\"dismissedBreachAlertsByLoginGUID\":{},\"version\":3}");
            return;
        }
        int at = text.indexOf("\"encryptedPassword\":\"") + 21;
        Gen.Val v = new Gen.Val(text.substring(at, text.indexOf('"', at)), "encoded", null);
        d.sec("password", JSON, text, v);
    }

    static byte[] sshString(byte[] b) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(b.length >>> 24);
        o.write(b.length >>> 16);
        o.write(b.length >>> 8);
        o.write(b.length);
        o.writeBytes(b);
        return o.toByteArray();
    }

    static byte[] sshString(String s) {
        return sshString(s.getBytes(StandardCharsets.US_ASCII));
    }

    static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }

    static void ppk(Doc d) {
        Gen g = d.g;
        boolean rsa = g.chance(0.5);
        String alg = rsa ? "ssh-rsa" : "ssh-ed25519";
        byte[] pub = rsa ? cat(sshString(alg), sshString(new byte[] {1, 0, 1}), sshString(cat(new byte[1], g.bytes(256))))
                : cat(sshString(alg), sshString(g.bytes(32)));
        byte[] priv = rsa ? cat(sshString(cat(new byte[1], g.bytes(256))), sshString(cat(new byte[1], g.bytes(128))),
                sshString(cat(new byte[1], g.bytes(128))), sshString(g.bytes(128))) : sshString(g.bytes(32));
        String comment = (rsa ? "rsa-key-" : "eddsa-key-") + g.between(2019, 2025) + "0" + g.between(1, 9) + g.between(10, 28);
        int first = d.line("PuTTY-User-Key-File-3: " + alg);
        d.line("Encryption: none\nComment: " + comment);
        List<String> publ = lines64(Gen.b64(pub));
        d.line("Public-Lines: " + publ.size());
        publ.forEach(d::line);
        if (d.neg) {
            d.line("Private-Lines: 0");
            d.decoy(KEY_BLOCK, "Private-MAC: " + "0".repeat(64));
            return;
        }
        List<String> privl = lines64(Gen.b64(priv));
        d.line("Private-Lines: " + privl.size());
        privl.forEach(d::line);
        d.line("Private-MAC: " + g.of(Gen.HEX, 64));
        d.block("private-key", KEY_BLOCK, first, d.next() - 1, new Gen.Val(privl.get(0), "pem", null), "-");
    }

    static List<String> lines64(String b) {
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < b.length(); i += 64) {
            out.add(b.substring(i, Math.min(b.length(), i + 64)));
        }
        return out;
    }

    static void opensshKey(Doc d) {
        Gen g = d.g;
        if (d.neg) {
            d.decoy(KEY_BLOCK, "ssh-ed25519 " + Gen.b64(cat(sshString("ssh-ed25519"), sshString(g.bytes(32)))) + " "
                    + g.user() + "@" + g.word());
            return;
        }
        byte[] pk = g.bytes(32);
        byte[] pubBlob = cat(sshString("ssh-ed25519"), sshString(pk));
        byte[] check = g.bytes(4);
        byte[] privBlock = cat(check, check, sshString("ssh-ed25519"), sshString(pk), sshString(cat(g.bytes(32), pk)),
                sshString(g.user() + "@" + g.word()));
        int pad = (8 - privBlock.length % 8) % 8;
        byte[] padding = new byte[pad];
        for (int i = 0; i < pad; i++) {
            padding[i] = (byte) (i + 1);
        }
        byte[] body = cat("openssh-key-v1".getBytes(StandardCharsets.US_ASCII), new byte[1], sshString("none"),
                sshString("none"), sshString(new byte[0]), new byte[] {0, 0, 0, 1}, sshString(pubBlob),
                sshString(cat(privBlock, padding)));
        String kind = "OPENSSH PRIVATE" + " KEY";
        int first = d.line("-----BEG" + "IN " + kind + "-----");
        List<String> l = lines70(Gen.b64(body));
        l.forEach(d::line);
        d.line("-----EN" + "D " + kind + "-----");
        d.block("private-key", KEY_BLOCK, first, d.next() - 1, new Gen.Val(l.get(1), "pem", null), "-");
    }

    static List<String> lines70(String b) {
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < b.length(); i += 70) {
            out.add(b.substring(i, Math.min(b.length(), i + 70)));
        }
        return out;
    }

    static void pemKey(Doc d) {
        Gen g = d.g;
        if (d.neg) {
            String kind = "PUBLIC" + " KEY";
            int at = d.line("-----BEG" + "IN " + kind + "-----\n" + CloudFormats.wrap("MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA"
                    + Gen.b64(g.bytes(258)).substring(44)).stripTrailing() + "\n-----EN" + "D " + kind + "-----");
            d.block("private-key", KEY_BLOCK, at, d.next() - 1, new Gen.Val("", null, "plain"), "-");
            return;
        }
        String pem = CloudFormats.pemKey(g, g.chance(0.5) ? "RSA PRIVATE" + " KEY" : "PRIVATE" + " KEY").stripTrailing();
        int first = d.line(pem);
        d.block("private-key", KEY_BLOCK, first, d.next() - 1, new Gen.Val(pem.split("\n")[1], "pem", null), "-");
    }
}
