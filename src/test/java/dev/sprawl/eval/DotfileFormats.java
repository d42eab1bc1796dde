package dev.sprawl.eval;

import static dev.sprawl.eval.Format.cat;
import static dev.sprawl.eval.Format.of;
import static dev.sprawl.eval.Syntaxes.EQUALS;
import static dev.sprawl.eval.Syntaxes.FIELDS;
import static dev.sprawl.eval.Syntaxes.INI;
import static dev.sprawl.eval.Syntaxes.OPTIONS;
import static dev.sprawl.eval.Syntaxes.RAW;
import static dev.sprawl.eval.Syntaxes.SPACE;
import static dev.sprawl.eval.Syntaxes.URL;

import java.util.List;

/** Credential files of everyday command-line tools in a home folder. */
final class DotfileFormats {

    private DotfileFormats() {
    }

    static List<Format> all() {
        return List.of(
            of("git-credentials", ".git-credentials", DotfileFormats::gitCredentials),
            of("netrc", ".netrc", DotfileFormats::netrc),
            of("heroku-netrc", ".netrc", DotfileFormats::herokuNetrc),
            of("esmtprc", ".esmtprc", DotfileFormats::esmtprc),
            of("msmtprc", ".msmtprc", DotfileFormats::msmtprc),
            of("my.cnf", ".my.cnf", DotfileFormats::myCnf),
            of("pgpass", ".pgpass", DotfileFormats::pgpass),
            of("openvpn-auth", "client/auth.txt", DotfileFormats::openvpnAuth),
            of("wpa_supplicant", "etc/wpa_supplicant/wpa_supplicant.conf", DotfileFormats::wpa),
            of("htpasswd", "site/.htpasswd", DotfileFormats::htpasswd),
            of("vault-token", ".vault-token", DotfileFormats::vaultToken),
            of("rails-master-key", "config/master.key", DotfileFormats::railsMasterKey),
            of("postfix-sasl_passwd", "etc/postfix/sasl_passwd", DotfileFormats::saslPasswd),
            of("fetchmailrc", ".fetchmailrc", DotfileFormats::fetchmailrc),
            of("mbsyncrc", ".mbsyncrc", DotfileFormats::mbsyncrc),
            of("muttrc", ".muttrc", DotfileFormats::muttrc),
            of("cifs-credentials", "etc/samba/creds-files", DotfileFormats::cifsCredentials),
            of("fstab-cifs", "etc/fstab", DotfileFormats::fstab),
            of("odbc.ini", ".odbc.ini", DotfileFormats::odbcIni),
            of("hgrc", ".hgrc", DotfileFormats::hgrc),
            of("pip.conf", ".config/pip/pip.conf", DotfileFormats::pipConf),
            of("gitconfig-remote-url", "repo/.git-config-copy", DotfileFormats::gitconfig));
    }

    /** An INI section header (built, so that this source does not read as the file it writes). */
    static String section(String name) {
        return "[" + name + "]";
    }

    static void gitCredentials(Doc d) {
        Gen g = d.g;
        int n = g.between(2, 4);
        String[] hosts = {"github.com", "gitlab.com", "bitbucket.org", "git." + g.domain(), "dev.azure.com"};
        for (int i = 0; i < n; i++) {
            String host = g.pick(hosts);
            String user = g.chance(0.3) ? "x-access-token" : g.user();
            Gen.Val v = d.vNonEmpty("prefixed", "alnum", "punct", "passphrase");
            Gen.Val w = v.shape() != null && !v.shape().equals("prefixed") ? v.map(Gen::pct) : v;
            int ln = d.next();
            d.sec(cat(v), URL, "https://" + user + ":" + w + "@" + host, w).id("user", user, ln).id("host", host, ln);
        }
    }

    static void netrc(Doc d) {
        Gen g = d.g;
        d.line("# ~/.netrc -- chmod 600");
        int n = g.between(2, 3);
        for (int i = 0; i < n; i++) {
            String host = g.host();
            String user = g.chance(0.5) ? g.email() : g.user();
            Gen.Val v = d.vNonEmpty("punct", "alnum", "passphrase", "prefixed");
            if (g.chance(0.5)) {
                int ln = d.next();
                d.sec(cat(v), SPACE, "machine " + host + " login " + user + " password " + v, v)
                        .id("user", user, ln).id("host", host, ln);
            } else {
                int hl = d.line("machine " + host);
                int ul = d.line("  login " + user);
                d.sec(cat(v), SPACE, "  password " + v, v).id("user", user, ul).id("host", host, hl);
            }
            d.line("");
        }
        d.line("default login anonymous password " + g.email());
    }

    static void herokuNetrc(Doc d) {
        Gen g = d.g;
        String email = g.email();
        Gen.Val v = d.vNonEmpty("uuid");
        for (String host : new String[] {"api.heroku.com", "git.heroku.com"}) {
            int hl = d.line("machine " + host);
            int ul = d.line("  login " + email);
            d.sec("token", SPACE, "  password " + v, v).id("user", email, ul).id("host", host, hl);
        }
    }

    static void esmtprc(Doc d) {
        Gen g = d.g;
        d.line("# esmtp configuration");
        String host = "smtp." + g.domain();
        String user = g.email();
        int il = d.line("identity " + user);
        int hl = d.line("\thostname " + host + ":587");
        int ul = d.line("\tusername \"" + user + "\"");
        Gen.Val v = d.v("punct", "passphrase", "alnum");
        d.sec("password", SPACE, "\tpassword \"" + v + "\"", v).id("user", user, ul).id("host", host, hl);
        d.line("\tstarttls required");
        d.line("");
        d.line("mda \"/usr/bin/procmail -d %T\"");
        assert il > 0;
    }

    static void msmtprc(Doc d) {
        Gen g = d.g;
        d.line("defaults\nauth           on\ntls            on\ntls_trust_file /etc/ssl/certs/ca-certificates.crt\n"
                + "logfile        ~/.msmtp.log\n");
        int n = g.between(1, 2);
        for (int i = 0; i < n; i++) {
            String host = "smtp." + g.domain();
            String user = g.email();
            d.line("account        " + g.service());
            int hl = d.line("host           " + host);
            d.line("port           587");
            d.line("from           " + user);
            int ul = d.line("user           " + user);
            Gen.Val v = d.v("punct", "passphrase", "alnum");
            d.sec("password", SPACE, "password       " + v, v).id("user", user, ul).id("host", host, hl);
            d.line("");
        }
        d.line("account default : " + g.service());
    }

    static void myCnf(Doc d) {
        Gen g = d.g;
        String user = g.chance(0.4) ? "root" : g.user();
        String host = g.host();
        d.line(section("client"));
        int ul = d.line("user=" + user);
        Gen.Val v = d.v("punct", "alnum", "passphrase");
        String pl = g.chance(0.6) || (v.shape() != null && v.shape().equals("punct")) ? "password=\"" + v + "\""
                : "password=" + v;
        Gen.Val written = v;
        Doc.Sec s = d.sec("password", INI, pl, written);
        int hl = d.line("host=" + host);
        s.id("user", user, ul).id("host", host, hl);
        d.line("port=3306\n\n[mysql]\nprompt=\\u@\\h [\\d]>\\_\nauto-rehash\n\n[mysqldump]\nquick\nmax_allowed_packet=16M");
    }

    static void pgpass(Doc d) {
        Gen g = d.g;
        d.line("# hostname:port:database:username:password");
        int n = g.between(2, 4);
        for (int i = 0; i < n; i++) {
            String host = g.chance(0.3) ? g.ip() : g.host();
            String user = g.user();
            Gen.Val v = d.vNonEmpty("punct", "alnum", "passphrase", "hex");
            Gen.Val w = v.map(s -> s.replace("\\", "\\\\").replace(":", "\\:"));
            int ln = d.next();
            d.sec("password", FIELDS, host + ":5432:" + g.pick(new String[] {"*", g.service(), "postgres"}) + ":"
                    + user + ":" + w, w).id("user", user, ln).id("host", host, ln);
        }
    }

    static void openvpnAuth(Doc d) {
        Gen g = d.g;
        String user = g.user();
        int ul = d.line(user);
        Gen.Val v = d.vNonEmpty("punct", "passphrase", "alnum");
        d.sec("password", RAW, v.text(), v).id("user", user, ul);
    }

    static void wpa(Doc d) {
        Gen g = d.g;
        d.line("ctrl_interface=DIR=/var/run/wpa_supplicant GROUP=netdev\nupdate_config=1\ncountry=DE\n");
        d.line("network={");
        d.line("\tssid=\"" + g.word() + "-" + g.between(1, 9) + "G\"");
        Gen.Val v = d.g.chance(0.5) && !d.neg ? d.g.secret("hex").map(s -> d.g.of(Gen.HEX, 64)).shape("hex")
                : d.v("passphrase", "punct");
        String psk = v.shape() != null && v.shape().equals("hex") ? "\tpsk=" + v : "\tpsk=\"" + v + "\"";
        d.sec("password", EQUALS, psk, v);
        d.line("\tkey_mgmt=WPA-PSK\n}\n\nnetwork={\n\tssid=\"corp-" + g.service() + "\"\n\tkey_mgmt=WPA-EAP\n\teap=PEAP");
        String user = g.user() + "@" + g.domain();
        int ul = d.line("\tidentity=\"" + user + "\"");
        Gen.Val p = d.v("punct", "passphrase");
        d.sec("password", EQUALS, "\tpassword=\"" + p + "\"", p).id("user", user, ul);
        d.line("\tphase2=\"auth=MSCHAPV2\"\n}");
    }

    static void htpasswd(Doc d) {
        Gen g = d.g;
        int n = g.between(2, 4);
        for (int i = 0; i < n; i++) {
            String user = g.user();
            Gen.Val v;
            if (d.neg) {
                v = g.negativeNonEmpty();
            } else {
                String hash = switch (g.between(0, 2)) {
                    case 0 -> "$apr1$" + g.of(Gen.ALNUM, 8) + "$" + g.of(Gen.ALNUM + "./", 22);
                    case 1 -> "$2y$" + "05$" + g.of(Gen.ALNUM + "./", 53);
                    default -> "{SHA}" + Gen.b64(g.bytes(20));
                };
                v = new Gen.Val(hash, "encoded", null);
            }
            int ln = d.next();
            d.sec("password", FIELDS, user + ":" + v, v).id("user", user, ln);
        }
    }

    static void vaultToken(Doc d) {
        Gen.Val v = d.neg ? d.g.negativeNonEmpty()
                : new Gen.Val("hv" + "s." + d.g.of(Gen.URLSAFE, 91), "prefixed", null);
        d.sec("token", RAW, v.text(), v);
    }

    static void railsMasterKey(Doc d) {
        Gen.Val v = d.neg ? d.g.negativeNonEmpty() : new Gen.Val(d.g.of(Gen.HEX, 32), "hex", null);
        d.sec("generic-secret", RAW, v.text(), v);
    }

    static void saslPasswd(Doc d) {
        Gen g = d.g;
        d.line("# postmap /etc/postfix/sasl_passwd");
        for (int i = 0; i < g.between(1, 2); i++) {
            String host = "smtp." + g.domain();
            String user = g.email();
            Gen.Val v = d.vNonEmpty("punct", "alnum", "passphrase");
            int ln = d.next();
            d.sec("password", FIELDS, "[" + host + "]:587 " + user + ":" + v, v).id("user", user, ln)
                    .id("host", host, ln);
        }
    }

    static void fetchmailrc(Doc d) {
        Gen g = d.g;
        d.line("set daemon 300\nset logfile ~/.fetchmail.log\n");
        String host = "imap." + g.domain();
        String user = g.email();
        Gen.Val v = d.vNonEmpty("punct", "passphrase", "alnum");
        int ln = d.next();
        d.sec("password", SPACE, "poll " + host + " protocol IMAP user \"" + user + "\" there with password \"" + v
                + "\" is " + g.user() + " here ssl", v).id("user", user, ln).id("host", host, ln);
    }

    static void mbsyncrc(Doc d) {
        Gen g = d.g;
        String acct = g.service();
        String host = "imap." + g.domain();
        String user = g.email();
        d.line("IMAPAccount " + acct);
        int hl = d.line("Host " + host);
        int ul = d.line("User " + user);
        Gen.Val v = d.vNonEmpty("punct", "passphrase", "alnum");
        d.sec("password", SPACE, "Pass " + v, v).id("user", user, ul).id("host", host, hl);
        d.line("SSLType IMAPS\nCertificateFile /etc/ssl/certs/ca-certificates.crt\n\nIMAPStore " + acct
                + "-remote\nAccount " + acct + "\n\nMaildirStore " + acct + "-local\nPath ~/Mail/" + acct + "/\n"
                + "Inbox ~/Mail/" + acct + "/Inbox");
    }

    static void muttrc(Doc d) {
        Gen g = d.g;
        String user = g.email();
        String host = "imap." + g.domain();
        d.line("set realname = \"" + Gen.cap(g.user()) + "\"\nset from = \"" + user + "\"");
        int ul = d.line("set imap_user = \"" + user + "\"");
        Gen.Val v = d.v("punct", "passphrase", "alnum");
        d.sec("password", EQUALS, "set imap_pass = \"" + v + "\"", v).id("user", user, ul);
        d.line("set folder = \"imaps://" + host + ":993\"\nset spoolfile = \"+INBOX\"");
        Gen.Val s = d.vNonEmpty("alnum", "punct");
        Gen.Val w = s.shape() != null ? s.map(Gen::pct) : s;
        String smtp = "smtp." + g.domain();
        int ln = d.next();
        d.sec("password", URL, "set smtp_url = \"smtps://" + Gen.pct(user) + ":" + w + "@" + smtp + ":465/\"", w)
                .id("host", smtp, ln);
        d.line("set ssl_force_tls = yes\nset header_cache = ~/.cache/mutt");
    }

    static void cifsCredentials(Doc d) {
        Gen g = d.g;
        String user = g.user();
        int ul = d.line("username=" + user);
        Gen.Val v = d.v("punct", "passphrase", "alnum");
        d.sec("password", EQUALS, "password=" + v, v).id("user", user, ul);
        d.line("domain=" + g.pick(new String[] {"CORP", "WORKGROUP", "AD"}));
    }

    static void fstab(Doc d) {
        Gen g = d.g;
        d.line("# <file system> <mount point>   <type>  <options>       <dump>  <pass>");
        d.line("UUID=" + g.uuid() + " /               ext4    errors=remount-ro 0       1");
        d.line("UUID=" + g.uuid() + " none            swap    sw              0       0");
        String host = g.host();
        String user = g.user();
        Gen.Val v = d.vNonEmpty("alnum", "passphrase", "punct").map(s -> s.replace(",", "."));
        int ln = d.next();
        d.sec("password", OPTIONS, "//" + host + "/share /mnt/share cifs username=" + user + ",password=" + v
                + ",uid=1000,iocharset=utf8 0 0", v).id("user", user, ln).id("host", host, ln);
        d.line("tmpfs /tmp tmpfs defaults,noatime,mode=1777 0 0");
    }

    static void odbcIni(Doc d) {
        Gen g = d.g;
        String dsn = Gen.cap(g.service());
        d.line("[" + dsn + "]\nDescription = " + dsn + " warehouse\nDriver = ODBC Driver 18 for SQL Server");
        String host = g.host();
        int hl = d.line("Server = " + host + ",1433");
        d.line("Database = " + g.service());
        String user = g.user();
        int ul = d.line("UID = " + user);
        Gen.Val v = d.v("punct", "alnum", "passphrase");
        d.sec("password", INI, "PWD = " + v, v).id("user", user, ul).id("host", host, hl);
        d.line("Encrypt = yes\nTrustServerCertificate = no");
    }

    static void hgrc(Doc d) {
        Gen g = d.g;
        d.line("[ui]\nusername = " + Gen.cap(g.user()) + " <" + g.email() + ">\n\n[auth]");
        String host = "hg." + g.domain();
        d.line("corp.prefix = https://" + host);
        String user = g.user();
        int ul = d.line("corp.username = " + user);
        Gen.Val v = d.v("punct", "alnum", "passphrase");
        d.sec("password", INI, "corp.password = " + v, v, "dotted").id("user", user, ul);
        d.line("\n[extensions]\nrebase =\nhistedit =");
    }

    static void pipConf(Doc d) {
        Gen g = d.g;
        d.line("[global]\ntimeout = 60");
        String host = "pypi." + g.domain();
        String user = g.user();
        Gen.Val v = d.vNonEmpty("alnum", "punct", "prefixed");
        Gen.Val w = v.shape() != null ? v.map(Gen::pct) : v;
        int ln = d.next();
        d.sec(cat(v), URL, "index-url = https://" + user + ":" + w + "@" + host + "/simple", w)
                .id("user", user, ln).id("host", host, ln);
        d.line("extra-index-url = https://pypi.org/simple\ntrusted-host = " + host);
    }

    static void gitconfig(Doc d) {
        Gen g = d.g;
        d.line("[core]\n\trepositoryformatversion = 0\n\tfilemode = true\n\tbare = false");
        d.line("[remote \"origin\"]");
        String host = g.pick(new String[] {"gitlab.com", "github.com", "git." + g.domain()});
        String user = g.user();
        Gen.Val v = d.vNonEmpty("prefixed", "alnum");
        int ln = d.next();
        d.sec("token", URL, "\turl = https://" + user + ":" + v + "@" + host + "/" + g.service() + "/" + g.word()
                + ".git", v).id("user", user, ln).id("host", host, ln);
        d.line("\tfetch = +refs/heads/*:refs/remotes/origin/*\n[branch \"main\"]\n\tremote = origin\n\tmerge = refs/heads/main");
    }
}
