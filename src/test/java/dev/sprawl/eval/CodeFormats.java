package dev.sprawl.eval;

import static dev.sprawl.eval.Format.cat;
import static dev.sprawl.eval.Format.of;
import static dev.sprawl.eval.Syntaxes.ARROW;
import static dev.sprawl.eval.Syntaxes.CALL_ARG;
import static dev.sprawl.eval.Syntaxes.CLI;
import static dev.sprawl.eval.Syntaxes.CODE;
import static dev.sprawl.eval.Syntaxes.CONNSTR;
import static dev.sprawl.eval.Syntaxes.GO_ASSIGN;
import static dev.sprawl.eval.Syntaxes.HEADER;
import static dev.sprawl.eval.Syntaxes.NAMED_ARG;
import static dev.sprawl.eval.Syntaxes.URL;
import static dev.sprawl.eval.Syntaxes.YAML;

import java.util.List;

/** Source code and scripts with literal credentials, connection URLs and HTTP headers. */
final class CodeFormats {

    private CodeFormats() {
    }

    static List<Format> all() {
        return List.of(
            of("python-code", "app/services/client.py", CodeFormats::python),
            of("django-settings", "mysite/settings.py", CodeFormats::django),
            of("javascript-code", "web/src/config.js", CodeFormats::javascript),
            of("java-code", "src/main/java/com/acme/Clients.java", CodeFormats::java),
            of("go-code", "cmd/worker/main.go", CodeFormats::go),
            of("csharp-code", "Api/Services/Mailer.cs", CodeFormats::csharp),
            of("ruby-code", "config/initializers/vendors.rb", CodeFormats::ruby),
            of("php-config-array", "config/services.php", CodeFormats::phpArray),
            of("curl-script", "scripts/sync.sh", CodeFormats::curlScript),
            of("cli-flags-script", "scripts/backup.sh", CodeFormats::cliScript),
            of("http-request-file", "api/requests.http", CodeFormats::httpFile),
            of("nginx-conf", "etc/nginx/conf.d/upstream.conf", CodeFormats::nginx),
            of("connection-urls-code", "app/db.py", CodeFormats::urlsInCode),
            of("connection-urls-config", "config/connections.yml", CodeFormats::urlsInConfig));
    }

    /** A quoted literal value for code: single or double quotes as the language allows. */
    static Gen.Val lit(Doc d, String... shapes) {
        return d.v(shapes).map(Gen::json);
    }

    static void python(Doc d) {
        Gen g = d.g;
        d.line("import os\nimport logging\n\nimport requests\n\nlog = logging.getLogger(__name__)\n");
        Gen.Name name = g.credName("upper");
        Gen.Val v = lit(d, "alnum", "hex", "prefixed");
        d.sec(cat(v), CODE, name + " = \"" + v + "\"", v, "upper");
        d.line("BASE_URL = \"https://api." + g.domain() + "/v3\"\nTIMEOUT = 10\n\n\nclass " + Gen.cap(g.vendor())
                + "Client:\n    def __init__(self, session=None):\n        self.session = session or requests.Session()");
        Gen.Name n2 = g.credName("snake");
        Gen.Val w = d.v("alnum", "base64", "uuid");
        d.sec(cat(w), CODE, "        self." + n2 + " = '" + w + "'", w, "snake");
        d.line("\n    def fetch(self, path):\n        return self.session.get(BASE_URL + path, timeout=TIMEOUT)\n\n");
        d.line("def connect():");
        String user = g.user();
        String host = g.host();
        Gen.Val p = lit(d, "punct", "alnum", "passphrase");
        int ln = d.next();
        d.sec("password", NAMED_ARG, "    return psycopg2.connect(host=\"" + host + "\", user=\"" + user
                + "\", password=\"" + p + "\", dbname=\"" + g.service() + "\")", p).id("user", user, ln)
                .id("host", host, ln);
        d.line("\n\ndef mailer():");
        Gen.Val k = lit(d, "alnum", "prefixed");
        d.sec(cat(k), NAMED_ARG, "    return Mailer(api_key=\"" + k + "\", region=\"eu\")", k, "snake");
    }

    static void django(Doc d) {
        Gen g = d.g;
        d.line("from pathlib import Path\n\nBASE_DIR = Path(__file__).resolve().parent.parent\n");
        Gen.Val s = d.neg ? g.negative()
                : new Gen.Val("django-insecure-" + g.of(Gen.LOWER + Gen.DIGITS + "!@#%^&*(-_=+)", 50), "punct", null);
        d.sec("generic-secret", CODE, "SECRET_KEY = '" + s + "'", s, "upper");
        d.line("DEBUG = False\nALLOWED_HOSTS = ['" + g.domain() + "']\n\nDATABASES = {\n    'default': {\n"
                + "        'ENGINE': 'django.db.backends.postgresql',\n        'NAME': '" + g.service() + "',");
        String user = g.user();
        int ul = d.line("        'USER': '" + user + "',");
        Gen.Val p = d.v("punct", "alnum", "passphrase");
        Doc.Sec sec = d.sec("password", CODE, "        'PASSWORD': '" + p + "',", p, "upper");
        String host = g.host();
        int hl = d.line("        'HOST': '" + host + "',");
        sec.id("user", user, ul).id("host", host, hl);
        d.line("        'PORT': '5432',\n    }\n}\n\nEMAIL_HOST = 'smtp." + g.domain() + "'");
        Gen.Val e = d.v("punct", "alnum");
        d.sec("password", CODE, "EMAIL_HOST_PASSWORD = '" + e + "'", e, "upper");
        d.line("STATIC_URL = 'static/'\nDEFAULT_AUTO_FIELD = 'django.db.models.BigAutoField'");
    }

    static void javascript(Doc d) {
        Gen g = d.g;
        d.line("'use strict';\n\nconst path = require('path');\n");
        Gen.Name name = g.credName("camel");
        Gen.Val v = lit(d, "alnum", "hex", "prefixed");
        d.sec(cat(v), CODE, "const " + name + " = '" + v + "';", v, "camel");
        d.line("\nmodule.exports = {\n  port: process.env.PORT || 3000,\n  publicDir: path.join(__dirname, 'public'),");
        Gen.Name n2 = g.credName("camel");
        Gen.Val w = lit(d, "alnum", "base64", "jwt");
        d.sec(cat(w), CODE, "  " + n2 + ": \"" + w + "\",", w, "camel");
        d.line("  " + name + ",\n  redis: {");
        String host = g.host();
        int hl = d.line("    host: '" + host + "',");
        Gen.Val p = lit(d, "punct", "alnum");
        d.sec("password", CODE, "    password: '" + p + "',", p).id("host", host, hl);
        d.line("  },\n};\n");
        String api = "api." + g.domain();
        Gen.Val h = lit(d, "alnum", "uuid", "hex");
        d.sec("api-key", HEADER, "fetch('https://" + api + "/v1/items', { headers: { 'X-Api-Key': '" + h + "' } });", h)
                .id("host", api, d.next() - 1);
    }

    static void java(Doc d) {
        Gen g = d.g;
        d.line("package com.acme;\n\nimport java.sql.Connection;\nimport java.sql.DriverManager;\nimport java.sql.SQLException;\n\n"
                + "final class Clients {\n");
        Gen.Name name = g.credName("upper");
        Gen.Val v = lit(d, "alnum", "hex", "prefixed");
        d.sec(cat(v), CODE, "    private static final String " + name + " = \"" + v + "\";", v, "upper");
        Gen.Name n2 = g.credName("camel");
        Gen.Val w = lit(d, "alnum", "base64");
        d.sec(cat(w), CODE, "    private final String " + n2 + " = \"" + w + "\";", w, "camel");
        d.line("    private static final int TIMEOUT_SECONDS = 30;\n\n    Connection open() throws SQLException {");
        String host = g.host();
        String user = g.user();
        int hl = d.line("        String url = \"jdbc:postgresql://" + host + ":5432/" + g.service() + "\";");
        Gen.Val p = lit(d, "punct", "alnum", "passphrase");
        int ln = d.next();
        d.sec("password", CALL_ARG, "        return DriverManager.getConnection(url, \"" + user + "\", \"" + p + "\");", p)
                .id("user", user, ln).id("host", host, hl);
        d.line("    }\n}");
    }

    static void go(Doc d) {
        Gen g = d.g;
        d.line("package main\n\nimport (\n\t\"database/sql\"\n\t\"log\"\n\t\"net/http\"\n\n\t_ \"github.com/lib/pq\"\n)\n");
        Gen.Name name = g.credName("camel");
        Gen.Val c = lit(d, "alnum", "hex", "prefixed");
        d.sec(cat(c), CODE, "const " + name + " = \"" + c + "\"", c, "camel");
        d.line("\nfunc main() {");
        Gen.Name n2 = g.credName(g.pick(new String[] {"camel", "snake"}));
        Gen.Val v = lit(d, "alnum", "base64", "prefixed");
        d.sec(cat(v), GO_ASSIGN, "\t" + n2 + " := \"" + v + "\"", v, n2.style());
        String user = g.user();
        String host = g.host();
        Gen.Val p = d.vNonEmpty("punct", "alnum");
        int ln = d.next();
        d.sec("connection-string", URL, "\tdb, err := sql.Open(\"postgres\", \"postgres://" + user + ":" + p + "@" + host
                + "/" + g.service() + "?sslmode=require\")", p).id("user", user, ln).id("host", host, ln);
        d.line("\tif err != nil {\n\t\tlog.Fatal(err)\n\t}\n\tdefer db.Close()\n\treq, _ := http.NewRequest(\"GET\", \"https://api."
                + g.domain() + "/v1/me\", nil)");
        Gen.Val t = lit(d, "alnum", "jwt", "prefixed");
        d.sec("token", HEADER, "\treq.Header.Set(\"Authorization\", \"Bearer " + t + "\")", t);
        d.line("\t_ = " + n2 + "\n\t_ = " + name + "\n\thttp.DefaultClient.Do(req)\n}");
    }

    static void csharp(Doc d) {
        Gen g = d.g;
        d.line("using System.Net;\nusing System.Net.Mail;\nusing Microsoft.Data.SqlClient;\n\nnamespace Api.Services;\n\n"
                + "public sealed class Mailer\n{");
        Gen.Name name = g.credName("pascal");
        Gen.Val v = lit(d, "alnum", "hex", "prefixed");
        d.sec(cat(v), CODE, "    private const string " + name + " = \"" + v + "\";", v, "pascal");
        d.line("\n    public SmtpClient Create()\n    {");
        String user = g.email();
        Gen.Val p = lit(d, "punct", "alnum", "passphrase");
        int ln = d.next();
        d.sec("password", CALL_ARG, "        var credentials = new NetworkCredential(\"" + user + "\", \"" + p + "\");", p)
                .id("user", user, ln);
        d.line("        return new SmtpClient(\"smtp." + g.domain() + "\", 587) { Credentials = credentials, EnableSsl = true };\n"
                + "    }\n\n    public SqlConnection Db()\n    {");
        String host = g.host();
        String du = g.user();
        Gen.Val q = d.vNonEmpty("punct", "alnum").map(s -> s.replace(";", ".")).map(Gen::json);
        int dl = d.next();
        d.sec("connection-string", CONNSTR, "        return new SqlConnection(\"Server=tcp:" + host + ",1433;Database="
                + g.service() + ";User ID=" + du + ";Password=" + q + ";Encrypt=True;\");", q).id("user", du, dl)
                .id("host", host, dl);
        d.line("    }\n}");
    }

    static void ruby(Doc d) {
        Gen g = d.g;
        d.line("# frozen_string_literal: true\n\nrequire 'stripe'\n");
        Gen.Val s = d.neg ? g.negative() : new Gen.Val("sk" + "_live_" + g.of(Gen.ALNUM, 99), "prefixed", null);
        d.sec("api-key", CODE, "Stripe.api_key = '" + s + "'", s, "snake");
        Gen.Name name = g.credName("snake");
        Gen.Val v = d.v("alnum", "hex", "base64");
        d.line("\n" + Gen.cap(g.vendor()) + ".configure do |config|\n  config.endpoint = 'https://api." + g.domain() + "'");
        d.sec(cat(v), CODE, "  config." + name + " = \"" + v + "\"", v, "snake");
        d.line("end\n");
        String user = g.user();
        String host = g.host();
        d.line("REDSHIFT = {");
        int hl = d.line("  :host => '" + host + "',");
        int ul = d.line("  :username => '" + user + "',");
        Gen.Val p = d.v("punct", "alnum", "passphrase");
        d.sec("password", ARROW, "  :password => '" + p + "',", p).id("user", user, ul).id("host", host, hl);
        d.line("  :port => 5439\n}.freeze");
    }

    static void phpArray(Doc d) {
        Gen g = d.g;
        d.line("<?php\n\nreturn [\n    'mailgun' => [\n        'domain' => 'mg." + g.domain() + "',");
        Gen.Val s = d.neg ? g.negative() : new Gen.Val("key-" + g.of(Gen.HEX, 32), "prefixed", null);
        d.sec("api-key", ARROW, "        'secret' => '" + s + "',", s);
        d.line("        'endpoint' => 'api.eu.mailgun.net',\n    ],\n    '" + g.vendor() + "' => [");
        Gen.Name name = g.credName("snake");
        Gen.Val v = d.v("alnum", "hex", "prefixed");
        d.sec(cat(v), ARROW, "        '" + name + "' => \"" + v + "\",", v, "snake");
        d.line("    ],\n    'ftp' => [");
        String host = "ftp." + g.domain();
        int hl = d.line("        'host' => '" + host + "',");
        String user = g.user();
        int ul = d.line("        'username' => '" + user + "',");
        Gen.Val p = d.v("punct", "alnum");
        d.sec("password", ARROW, "        'password' => '" + p + "',", p).id("user", user, ul).id("host", host, hl);
        d.line("    ],\n];");
    }

    static void curlScript(Doc d) {
        Gen g = d.g;
        d.line("#!/usr/bin/env bash\nset -euo pipefail\n\nAPI=https://api." + g.domain() + "\nOUT=/var/tmp/sync\n");
        String user = g.user();
        Gen.Val p = d.vNonEmpty("punct", "alnum").map(s -> s.replace("'", ""));
        int ln = d.next();
        d.sec("password", CLI, "curl -fsS -u '" + user + ":" + p + "' \"$API/v1/export\" -o \"$OUT/export.json\"", p)
                .id("user", user, ln);
        Gen.Val b = d.neg ? g.negativeNonEmpty()
                : new Gen.Val(Gen.b64(g.user() + ":" + g.secret("alnum", "punct").text()), "encoded", null);
        d.sec("password", HEADER, "curl -fsS -H \"Authorization: Basic " + b + "\" \"$API/v1/report\"", b);
        Gen.Val t = d.vNonEmpty("alnum", "jwt", "prefixed");
        d.sec("token", HEADER, "curl -fsS -H 'Authorization: token " + t + "' https://git." + g.domain()
                + "/api/v1/repos", t);
        Gen.Val k = d.vNonEmpty("alnum", "hex", "uuid");
        String host = "metrics." + g.domain();
        d.sec("api-key", HEADER, "curl -fsS --header \"X-Api-Key: " + k + "\" https://" + host + "/ingest --data @\"$OUT/m.json\"",
                k).id("host", host, d.next() - 1);
        String u2 = g.user();
        Gen.Val p2 = d.vNonEmpty("alnum", "passphrase");
        int l2 = d.next();
        d.sec("password", CLI, "curl --user " + u2 + ":" + p2 + " https://files." + g.domain() + "/upload -T \"$OUT/export.json\"",
                p2).id("user", u2, l2);
    }

    static void cliScript(Doc d) {
        Gen g = d.g;
        d.line("#!/bin/sh\n# nightly backup\nset -e\nSTAMP=$(date +%F)\n");
        String user = g.user();
        String host = g.host();
        Gen.Val p = d.vNonEmpty("punct", "alnum").map(s -> s.replace("'", ""));
        int ln = d.next();
        d.sec("password", CLI, "mysqldump -h " + host + " -u " + user + " -p'" + p + "' --single-transaction "
                + g.service() + " > /backup/db-$STAMP.sql", p).id("user", user, ln).id("host", host, ln);
        String u2 = g.user();
        Gen.Val p2 = d.vNonEmpty("alnum", "passphrase", "punct").map(s -> s.replace("\"", ""));
        int l2 = d.next();
        d.sec("password", CLI, "pg_dumpall --host=" + host + " --username=" + u2 + " > /backup/pg-$STAMP.sql; restic backup "
                + "--password \"" + p2 + "\" /backup", p2).id("user", u2, l2);
        String ru = g.user();
        Gen.Val p3 = d.vNonEmpty("alnum", "prefixed");
        int l3 = d.next();
        d.sec(cat(p3), CLI, "docker login registry." + g.domain() + " -u " + ru + " -p " + p3, p3).id("user", ru, l3);
        Gen.Val p4 = d.vNonEmpty("punct", "alnum").map(s -> s.replace("'", ""));
        String sh = g.host();
        int l4 = d.next();
        d.sec("password", CLI, "sshpass -p '" + p4 + "' rsync -a /backup/ backup@" + sh + ":/srv/backup/", p4)
                .id("user", "backup", l4).id("host", sh, l4);
        Gen.Name name = g.credName("kebab");
        Gen.Val k = d.vNonEmpty("alnum", "hex");
        d.sec(cat(k), CLI, "/opt/uploader/bin/upload --" + name + " " + k + " --bucket backups-" + g.service(), k,
                "kebab");
    }

    static void httpFile(Doc d) {
        Gen g = d.g;
        String host = "api." + g.domain();
        d.line("### list orders\nGET https://" + host + "/v2/orders?limit=50");
        Gen.Val t = d.vNonEmpty("jwt", "alnum", "prefixed");
        d.sec("token", HEADER, "Authorization: Bearer " + t, t).id("host", host, 2);
        d.line("Accept: application/json\n\n### create webhook\nPOST https://" + host + "/v2/webhooks\nContent-Type: application/json");
        Gen.Val k = d.vNonEmpty("alnum", "hex", "uuid");
        d.sec("api-key", HEADER, "X-Api-Key: " + k, k);
        Gen.Name name = g.credName("kebab");
        Gen.Val w = d.vNonEmpty("alnum", "base64");
        d.sec(cat(w), HEADER, "X-" + Gen.cap(name.text()) + ": " + w, w, "kebab");
        d.line("\n{\"url\": \"https://hooks." + g.domain() + "/orders\", \"events\": [\"order.created\"]}");
    }

    static void nginx(Doc d) {
        Gen g = d.g;
        String host = g.host();
        d.line("upstream backend {\n    server " + g.ip() + ":8080;\n    keepalive 16;\n}\n\nserver {\n    listen 443 ssl;\n"
                + "    server_name " + g.domain() + ";\n    ssl_certificate /etc/ssl/certs/site.pem;\n"
                + "    ssl_certificate_key /etc/ssl/private/site.key;\n\n    location /partner/ {");
        int hl = d.line("        proxy_pass https://" + host + "/;");
        Gen.Val b = d.neg ? g.negativeNonEmpty()
                : new Gen.Val(Gen.b64(g.user() + ":" + g.secret("alnum", "punct").text()), "encoded", null);
        d.sec("password", HEADER, "        proxy_set_header Authorization \"Basic " + b + "\";", b).id("host", host, hl);
        Gen.Val k = d.vNonEmpty("alnum", "hex");
        d.sec("api-key", HEADER, "        proxy_set_header X-Api-Key " + k + ";", k).id("host", host, hl);
        d.line("    }\n}");
    }

    static void urlsInCode(Doc d) {
        Gen g = d.g;
        d.line("import os\n\nimport pika\nimport pymongo\nimport redis\nimport sqlalchemy\n");
        String[][] kinds = {{"redis", "6379", "/0"}, {"mongodb+srv", "", "/app?retryWrites=true&w=majority"},
            {"postgresql+psycopg2", "5432", "/" + g.service()}, {"mysql+pymysql", "3306", "/" + g.service()},
            {"amqp", "5672", "/" + g.service()}, {"rediss", "6380", "/1"}};
        String[] calls = {"redis.from_url(\"%s\")", "pymongo.MongoClient(\"%s\")", "sqlalchemy.create_engine(\"%s\")",
            "sqlalchemy.create_engine(\"%s\", pool_size=5)", "pika.BlockingConnection(pika.URLParameters(\"%s\"))",
            "redis.Redis.from_url(\"%s\", ssl_cert_reqs=None)"};
        for (int i = 0; i < kinds.length; i++) {
            String host = g.host();
            String user = kinds[i][0].startsWith("redis") && g.chance(0.5) ? "" : g.user();
            Gen.Val p = d.vNonEmpty("punct", "alnum", "passphrase").map(s -> s.replace("\"", ""));
            String url = kinds[i][0] + "://" + user + ":" + p + "@" + host + (kinds[i][1].isEmpty() ? "" : ":" + kinds[i][1])
                    + kinds[i][2];
            int ln = d.next();
            Doc.Sec s = d.sec("connection-string", URL, "conn_" + i + " = " + String.format(calls[i], url), p);
            if (!user.isEmpty()) {
                s.id("user", user, ln);
            }
            s.id("host", host, ln);
        }
    }

    static void urlsInConfig(Doc d) {
        Gen g = d.g;
        d.line("# connection settings per environment\nproduction:");
        String[] schemes = {"postgres", "mysql", "mongodb", "amqps", "redis", "jdbc:postgresql", "jdbc:sqlserver"};
        for (String scheme : schemes) {
            String host = g.host();
            String user = g.user();
            Gen.Val p = d.vNonEmpty("punct", "alnum", "passphrase").map(s -> s.replace("'", "").replace(";", "."));
            String key = scheme.replace("jdbc:", "jdbc_") + "_url";
            int ln = d.next();
            if (scheme.equals("jdbc:sqlserver")) {
                d.sec("connection-string", CONNSTR, "  " + key + ": 'jdbc:sqlserver://" + host + ":1433;databaseName="
                        + g.service() + ";user=" + user + ";password=" + p + ";encrypt=true'", p).id("user", user, ln)
                        .id("host", host, ln);
            } else if (scheme.equals("jdbc:postgresql")) {
                d.sec("connection-string", URL, "  " + key + ": 'jdbc:postgresql://" + host + ":5432/" + g.service()
                        + "?user=" + user + "&password=" + p + "&ssl=true'", p).id("user", user, ln).id("host", host, ln);
            } else {
                d.sec("connection-string", URL, "  " + key + ": '" + scheme + "://" + user + ":" + p + "@" + host + "/"
                        + g.service() + "'", p).id("user", user, ln).id("host", host, ln);
            }
        }
        d.line("  pool_size: 10\n  statement_timeout_ms: 30000");
        assert YAML != null;
    }
}
