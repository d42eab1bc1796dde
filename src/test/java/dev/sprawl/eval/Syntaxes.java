package dev.sprawl.eval;

import java.util.List;

/** The syntaxes that bind a value to its name (or to its record) in the corpus, one label each. */
final class Syntaxes {

    static final String EQUALS = "equals";             // KEY=value, key = value (.env, properties, shell)
    static final String YAML = "yaml";                 // key: value
    static final String JSON = "json";                 // "key": "value"
    static final String TOML = "toml";                 // key = "value" under [table]
    static final String INI = "ini";                   // key = value under [section]
    static final String HCL = "hcl";                   // key = "value" in a block
    static final String XML_ATTR = "xml-attr";         // <add key="..." value="..."/>, password="..."
    static final String XML_ELEM = "xml-element";      // <password>...</password>
    static final String GO_ASSIGN = "go-assign";       // name := "value"
    static final String ARROW = "arrow";               // 'key' => 'value', :key => "value"
    static final String SPACE = "space";               // KEY value (config lines separated by whitespace)
    static final String CODE = "code-literal";         // name = "value" in Python/JS/Java/Go/C#/Ruby/PHP
    static final String NAMED_ARG = "named-arg";       // connect(password="value")
    static final String CALL_ARG = "call-arg";         // define('DB_PASSWORD', 'value'), f(url, user, "value")
    static final String CLI = "cli-flag";              // --password x, -p'x', curl -u user:pass
    static final String HEADER = "http-header";        // Authorization: Bearer ..., X-Api-Key: ...
    static final String URL = "url-userinfo";          // scheme://user:password@host
    static final String CONNSTR = "connection-string"; // Server=..;User Id=..;Password=..
    static final String FIELDS = "fields";             // host:port:db:user:password, user:hash
    static final String RAW = "raw";                   // a file or line that is the value itself
    static final String KEY_BLOCK = "key-block";       // PEM / OpenSSH / PuTTY key blocks
    static final String NAME_VALUE = "name-value";     // {"key": "apiKey", "value": "..."} pairs
    static final String OPTIONS = "option-list";       // username=u,password=p mount options
    static final String URL_QUERY = "url-query";       // https://host/path?api_key=... and secret webhook URLs

    static final List<String> ALL = List.of(EQUALS, YAML, JSON, TOML, INI, HCL, XML_ATTR, XML_ELEM, GO_ASSIGN,
            ARROW, SPACE, CODE, NAMED_ARG, CALL_ARG, CLI, HEADER, URL, CONNSTR, FIELDS, RAW, KEY_BLOCK, NAME_VALUE,
            OPTIONS, URL_QUERY);

    private Syntaxes() {
    }
}
