namespace OutlookCrm.Emulators.Salesforce.Soql;

/// <summary>
/// A query error rendered as Salesforce does: the query, a caret under the offending column,
/// <c>ERROR at Row:1:Column:N</c>, then the reason.
/// </summary>
public static class SoqlErrors
{
    public static SalesforceApiException At(string errorCode, string query, int position, string detail)
    {
        var lineStart = query.LastIndexOf('\n', Math.Max(0, Math.Min(position, query.Length) - 1)) + 1;
        var lineEnd = query.IndexOf('\n', lineStart);
        var line = lineEnd < 0 ? query[lineStart..] : query[lineStart..lineEnd];
        var row = query.AsSpan(0, lineStart).Count('\n') + 1;
        var column = position - lineStart + 1;
        var message = $"\n{line}\n{new string(' ', Math.Max(0, column - 1))}^\nERROR at Row:{row}:Column:{column}\n{detail}";
        return new SalesforceApiException(400, errorCode, message);
    }

    public static SalesforceApiException Malformed(string query, SoqlToken token) =>
        At("MALFORMED_QUERY", query, token.Position, $"unexpected token: {(token.Kind == SoqlTokenKind.End ? "<EOF>" : token.Text)}");

    public static SalesforceApiException NoSuchColumn(string query, int position, string field, string entity) =>
        At("INVALID_FIELD", query, position,
            $"No such column '{field}' on entity '{entity}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.");

    public static SalesforceApiException NoSuchRelationship(string query, int position, string relationship) =>
        At("INVALID_FIELD", query, position,
            $"Didn't understand relationship '{relationship}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.");

    public static SalesforceApiException NoSuchType(string query, int position, string type) =>
        At("INVALID_TYPE", query, position,
            $"sObject type '{type}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.");
}
