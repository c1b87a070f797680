<#--
  envsweep statements. Each rule builds one immutable SqlNode from dev.envsweep.core.sql;
  CALL sys.<procedure>(...) needs no rule here: Calcite's own SqlProcedureCall parses it and
  EnvsweepParser turns it into the same nodes.
-->

/**
 * The entry point for statements the prefilter routed to envsweep. Starting here rather than in SqlStmt()
 * means a misspelt statement is reported where it goes wrong ("Encountered ENVIRONMENTS at line 1, column 12,
 * was expecting ENVIRONMENT"), not as an unparseable expression at column 1.
 */
SqlNode LifecycleStatementEof() :
{
    final SqlNode stmt;
}
{
    (
        LOOKAHEAD(2) stmt = SqlInvalidateEnvironment()
    |
        stmt = SqlInvalidateEnvironments()
    |
        stmt = SqlCleanupExpiredEnvironments()
    |
        stmt = SqlExplainLifecycle()
    |
        stmt = SqlRestoreEnvironment()
    |
        stmt = SqlAlterEnvironment()
    |
        stmt = SqlProcedureCall()
    )
    [ <SEMICOLON> ]
    <EOF>
    { return stmt; }
}

/** INVALIDATE ENVIRONMENTS LIKE 'pattern' [OLDER THAN INTERVAL '7' DAY | OLDER THAN '7 days'] */
SqlNode SqlInvalidateEnvironments() :
{
    final Span s;
    final SqlNode pattern;
    SqlNode olderThan = null;
}
{
    <INVALIDATE> { s = span(); } <ENVIRONMENTS> <LIKE>
    ( pattern = StringLiteral() | pattern = DynamicParam() )
    [
        <OLDER> <THAN>
        ( olderThan = IntervalLiteral() | olderThan = StringLiteral() | olderThan = DynamicParam() )
    ]
    {
        return new SqlInvalidateEnvironments(s.end(this), pattern, olderThan);
    }
}

/** RESTORE ENVIRONMENT name */
SqlNode SqlRestoreEnvironment() :
{
    final Span s;
    final SqlNode name;
}
{
    <RESTORE> { s = span(); } <ENVIRONMENT> name = EnvironmentName()
    {
        return new SqlRestoreEnvironment(s.end(this), name);
    }
}

/**
 * ALTER ENVIRONMENT name SET TTL 'in 2 weeks' | SET TTL INTERVAL '14' DAY | SET EXPIRATION NONE
 *   | SET EXPIRES AT TIMESTAMP '2026-12-01 00:00:00'
 */
SqlNode SqlAlterEnvironment() :
{
    final Span s;
    final SqlNode name;
    final SqlAlterEnvironment.Change change;
    SqlNode value = null;
}
{
    <ALTER> { s = span(); } <ENVIRONMENT> name = EnvironmentName() <SET>
    (
        <TTL> ( value = StringLiteral() | value = IntervalLiteral() | value = DynamicParam() )
        { change = SqlAlterEnvironment.Change.TTL; }
    |
        <EXPIRATION> <NONE>
        { change = SqlAlterEnvironment.Change.NONE; }
    |
        <EXPIRES> <AT> ( value = DateTimeLiteral() | value = StringLiteral() | value = DynamicParam() )
        { change = SqlAlterEnvironment.Change.AT; }
    )
    {
        return new SqlAlterEnvironment(s.end(this), name, change, value);
    }
}

/** INVALIDATE ENVIRONMENT name [SYNC [WARN ON FAILURE] [FORCE]] */
SqlNode SqlInvalidateEnvironment() :
{
    final Span s;
    final SqlNode name;
    boolean sync = false;
    boolean warnOnFailure = false;
    boolean force = false;
}
{
    <INVALIDATE> { s = span(); } <ENVIRONMENT>
    name = EnvironmentName()
    [
        <SYNC> { sync = true; }
        [ <WARN> <ON> <FAILURE> { warnOnFailure = true; } ]
        [ <FORCE> { force = true; } ]
    ]
    {
        return new SqlInvalidateEnvironment(s.end(this), name, sync, warnOnFailure, force);
    }
}

/** CLEANUP EXPIRED ENVIRONMENTS [WARN ON FAILURE] [FORCE] */
SqlCleanupExpiredEnvironments SqlCleanupExpiredEnvironments() :
{
    final Span s;
    boolean warnOnFailure = false;
    boolean force = false;
}
{
    <CLEANUP> { s = span(); } <EXPIRED> <ENVIRONMENTS>
    [ <WARN> <ON> <FAILURE> { warnOnFailure = true; } ]
    [ <FORCE> { force = true; } ]
    {
        return new SqlCleanupExpiredEnvironments(s.end(this), warnOnFailure, force);
    }
}

/** EXPLAIN CLEANUP ... | EXPLAIN INVALIDATE ENVIRONMENT ... | EXPLAIN INVALIDATE ENVIRONMENTS ...: nothing runs. */
SqlNode SqlExplainLifecycle() :
{
    final Span s;
    final SqlNode explained;
}
{
    <EXPLAIN> { s = span(); }
    (
        explained = SqlCleanupExpiredEnvironments()
    |
        LOOKAHEAD(2) explained = SqlInvalidateEnvironment()
    |
        explained = SqlInvalidateEnvironments()
    )
    {
        return new SqlExplainLifecycle(s.end(this), explained);
    }
}

/**
 * An environment's name: an identifier, a string literal, or a ? parameter. A word SQL reserves (OLD, NEW,
 * USER, ORDER, ...) is a name here too: environment names come from branch names, and nothing else can follow
 * ENVIRONMENT, so there is nothing to confuse it with.
 */
SqlNode EnvironmentName() :
{
    final SqlNode name;
}
{
    (
        name = SimpleIdentifier()
    |
        name = StringLiteral()
    |
        name = DynamicParam()
    |
        LOOKAHEAD({ isReservedWordName(getToken(1)) })
        name = ReservedWordAsName()
    )
    { return name; }
}

/** Whether a token is a bare word (a reserved keyword, since SimpleIdentifier took everything else). */
JAVACODE boolean isReservedWordName(Token t)
{
    return t.image != null && t.image.matches("[A-Za-z_][A-Za-z0-9_$]*");
}

/** The reserved word as an identifier, spelled as written, at its position. */
JAVACODE SqlNode ReservedWordAsName()
{
    Token t = getNextToken();
    return new SqlIdentifier(t.image,
        new SqlParserPos(t.beginLine, t.beginColumn, t.endLine, t.endColumn));
}
