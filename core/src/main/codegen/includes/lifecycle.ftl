<#--
  envsweep statements. Each rule builds one immutable SqlNode from dev.envsweep.core.sql;
  CALL sys.<procedure>(...) needs no rule here: Calcite's own SqlProcedureCall parses it and
  SqlProcedures turns it into the same nodes.
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
        stmt = SqlInvalidateEnvironment()
    |
        stmt = SqlCleanupExpiredEnvironments()
    |
        stmt = SqlExplainLifecycle()
    |
        stmt = SqlProcedureCall()
    )
    [ <SEMICOLON> ]
    <EOF>
    { return stmt; }
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

/** EXPLAIN CLEANUP EXPIRED ENVIRONMENTS ...: the plan, nothing executed. */
SqlNode SqlExplainLifecycle() :
{
    final Span s;
    final SqlNode explained;
}
{
    <EXPLAIN> { s = span(); }
    explained = SqlCleanupExpiredEnvironments()
    {
        return new SqlExplainLifecycle(s.end(this), explained);
    }
}

/** An environment's name: an identifier, a string literal, or a ? parameter. */
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
    )
    { return name; }
}
