namespace OutlookCrm.Reliability.Tests.BadInput;

/// <summary>The text and JSON an attacker or a broken client sends.</summary>
public static class HostileValues
{
    /// <summary>Injection attempts: SOQL quotes and wildcards, XML/SOAP metacharacters, CRLF (header and log injection), SQL, templates.</summary>
    public static readonly string[] Injections =
    [
        "o'brien@x.com", "a%b@x.com", "x@y.com' OR Name != '", "x@y.com'OR'Name'!='", @"x@y.com\' OR Id != null OR Email = \'",
        "<x>&amp;@y.com", "a_b%@x.com", "]]>", "</t:Subject><t:Body>injected</t:Body>", "<![CDATA[x]]>", "&xxe;", "\"quoted\" & 'single'",
        "line\r\nX-Injected: 1", "x@y.com\r\nBcc: evil@example.com", "'; DROP TABLE connections; --", "{{7*7}}${7*7}", "\\u0000", "\0",
        "%00%0d%0a", "../../etc/passwd", "\uD83D\uDE00 émoji", new string('\u202E', 3) + "rtl",
    ];

    public static readonly string[] InvalidEmails =
    [
        "", " ", "not-an-email", "@contoso.com", "alice@", "alice@@contoso.com", "alice contoso@x.com", "alice@contoso.com\r\n",
        "alice@contoso.com,bob@contoso.com", new string('a', 400) + "@x.com", "\"\"@x.com",
    ];

    public static readonly string[] UnknownEnums = ["sideways", "BOTH", "both ", "0", "null", "ews2", "graph;ews"];

    /// <summary>Bodies that are not valid JSON, or JSON of the wrong shape, or built to exhaust a parser.</summary>
    public static readonly string[] MalformedJson =
    [
        "", "{", "}", "[", "{\"a\":", "nul", "{'single':1}", "{\"a\":1,}", "{\"a\" 1}", "\u0000", "{\"a\":\"\\uD800\"}", "{\"a\":\"\\x41\"}",
        "null", "[]", "123", "\"text\"", "true", "{}", "{\"__proto__\":{\"admin\":true}}", "\uFEFF{}",
        new string('[', 5_000) + new string(']', 5_000), "{\"a\":" + new string('1', 10_000) + "}", "{\"a\":1e99999}",
    ];

    /// <summary>A value of each JSON kind, to put where another kind belongs.</summary>
    public static readonly string[] JsonKinds = ["null", "-1", "1e308", "true", "\"x\"", "[null]", "{}"];

    public static readonly (string ContentType, string Body)[] WrongContentTypes =
    [
        ("text/plain", "{}"), ("application/xml", "<root><a>1</a></root>"), ("application/x-www-form-urlencoded", "a=1&b=2"),
        ("multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--x--"), ("application/json; charset=utf-32", "{}"),
    ];
}
