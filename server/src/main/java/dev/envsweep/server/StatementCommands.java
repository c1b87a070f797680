package dev.envsweep.server;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The subcommands that each run one envsweep statement (see {@link StatementCommand}). */
final class StatementCommands {
  private StatementCommands() {}

  @Command(name = "invalidate", mixinStandardHelpOptions = true, description = "INVALIDATE ENVIRONMENT name "
      + "[SYNC [WARN ON FAILURE]] [FORCE], or with --like: INVALIDATE ENVIRONMENTS LIKE pattern [OLDER THAN age]")
  static final class Invalidate extends StatementCommand {
    @Mixin InvalidateForm form;

    @Override
    String sql() {
      return form.sql();
    }

    @Override
    List<Object> parameters() {
      return form.parameters();
    }

    @Override
    boolean cleansUp() {
      return form.sync;
    }
  }

  /** What {@code invalidate} and {@code explain invalidate} share: one environment by name, or many by pattern. */
  static final class InvalidateForm {
    @Spec(Spec.Target.MIXEE) CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", description = "Environment name (sanitised as SQLMesh does)")
    String name;

    @Option(names = "--like", description = "Every environment whose name matches this LIKE pattern, e.g. 'pr_%%' "
        + "(never prod or pinned ones)")
    String like;

    @Option(names = "--older-than", description = "With --like: only those finalized longer ago than this, e.g. "
        + "'7 days'")
    String olderThan;

    @Option(names = "--sync", description = "Clean the environment up now")
    boolean sync;

    @Option(names = "--warn-on-failure", description = "With --sync: delete its state even if a drop fails")
    boolean warnOnFailure;

    @Option(names = "--force", description = "With --sync: drop with SQLMesh's SQL, without the ownership check")
    boolean force;

    String sql() {
      if ((name == null) == (like == null)) {
        throw new ParameterException(spec.commandLine(), "give an environment name or --like pattern (one of them)");
      }
      if (like != null) {
        if (sync || warnOnFailure || force) {
          throw new ParameterException(spec.commandLine(), "--sync, --warn-on-failure and --force apply to one "
              + "environment, not to --like");
        }
        return "INVALIDATE ENVIRONMENTS LIKE ?" + (olderThan != null ? " OLDER THAN ?" : "");
      }
      if (olderThan != null) {
        throw new ParameterException(spec.commandLine(), "--older-than goes with --like");
      }
      return "INVALIDATE ENVIRONMENT ?" + (sync ? " SYNC" : "") + (sync && warnOnFailure ? " WARN ON FAILURE" : "")
          + (sync && force ? " FORCE" : "");
    }

    List<Object> parameters() {
      return like == null ? List.of(name) : olderThan == null ? List.of(like) : List.of(like, olderThan);
    }
  }

  @Command(name = "cleanup", mixinStandardHelpOptions = true,
      description = "CLEANUP EXPIRED ENVIRONMENTS [WARN ON FAILURE] [FORCE], with progress on stderr")
  static final class Cleanup extends StatementCommand {
    @Option(names = "--warn-on-failure", description = "Delete state even when a drop fails")
    boolean warnOnFailure;

    @Option(names = "--force", description = "Drop with SQLMesh's SQL, without the ownership check")
    boolean force;

    @Option(names = "--dry-run", description = "Show the statements (EXPLAIN); run nothing")
    boolean dryRun;

    @Override
    String sql() {
      return (dryRun ? "EXPLAIN " : "") + "CLEANUP EXPIRED ENVIRONMENTS" + (warnOnFailure ? " WARN ON FAILURE" : "")
          + (force ? " FORCE" : "");
    }

    @Override
    List<Object> parameters() {
      return List.of();
    }

    @Override
    boolean cleansUp() {
      return !dryRun;
    }
  }

  @Command(name = "explain", mixinStandardHelpOptions = true, description = "What a statement would run, changing "
      + "nothing: 'explain cleanup [--force]', 'explain invalidate NAME [--sync]', 'explain invalidate --like "
      + "PATTERN [--older-than AGE]'", subcommands = {ExplainCleanup.class, ExplainInvalidate.class})
  static final class Explain implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      throw new ParameterException(spec.commandLine(), "say what to explain: cleanup or invalidate");
    }
  }

  @Command(name = "cleanup", mixinStandardHelpOptions = true,
      description = "EXPLAIN CLEANUP EXPIRED ENVIRONMENTS [WARN ON FAILURE] [FORCE]")
  static final class ExplainCleanup extends StatementCommand {
    @Option(names = "--warn-on-failure", description = "As the cleanup would run with it")
    boolean warnOnFailure;

    @Option(names = "--force", description = "As the cleanup would run with it")
    boolean force;

    @Override
    String sql() {
      return "EXPLAIN CLEANUP EXPIRED ENVIRONMENTS" + (warnOnFailure ? " WARN ON FAILURE" : "")
          + (force ? " FORCE" : "");
    }

    @Override
    List<Object> parameters() {
      return List.of();
    }
  }

  @Command(name = "invalidate", mixinStandardHelpOptions = true, description = "EXPLAIN INVALIDATE ENVIRONMENT "
      + "name [SYNC ...] or EXPLAIN INVALIDATE ENVIRONMENTS LIKE pattern [OLDER THAN age]")
  static final class ExplainInvalidate extends StatementCommand {
    @Mixin InvalidateForm form;

    @Override
    String sql() {
      return "EXPLAIN " + form.sql();
    }

    @Override
    List<Object> parameters() {
      return form.parameters();
    }
  }

  @Command(name = "restore", mixinStandardHelpOptions = true,
      description = "RESTORE ENVIRONMENT name: undo an invalidation cleanup has not reached")
  static final class Restore extends StatementCommand {
    @Parameters(index = "0", description = "Environment name")
    String name;

    @Override
    String sql() {
      return "RESTORE ENVIRONMENT ?";
    }

    @Override
    List<Object> parameters() {
      return List.of(name);
    }
  }

  @Command(name = "set-ttl", mixinStandardHelpOptions = true, description = "ALTER ENVIRONMENT name SET TTL 'in 2 "
      + "weeks' | SET EXPIRATION NONE (TTL 'none') | SET EXPIRES AT (--expires-at)")
  static final class SetTtl extends StatementCommand {
    @Parameters(index = "0", description = "Environment name")
    String name;

    @Parameters(index = "1", arity = "0..1", description = "'in 2 weeks', '3 days', or 'none' for no expiry")
    String ttl;

    @Option(names = "--expires-at", description = "A moment instead of a TTL: '2026-12-01 00:00:00' (UTC) or "
        + "'2026-12-01T00:00:00+01:00'")
    String expiresAt;

    @Override
    String sql() {
      if ((ttl == null) == (expiresAt == null)) {
        throw new ParameterException(spec.commandLine(), "give a TTL or --expires-at (one of them)");
      }
      if (expiresAt != null) {
        return "ALTER ENVIRONMENT ? SET EXPIRES AT ?";
      }
      return ttl.strip().equalsIgnoreCase("none") ? "ALTER ENVIRONMENT ? SET EXPIRATION NONE"
          : "ALTER ENVIRONMENT ? SET TTL ?";
    }

    @Override
    List<Object> parameters() {
      if (expiresAt != null) {
        return List.of(name, expiresAt);
      }
      return ttl.strip().equalsIgnoreCase("none") ? List.of(name) : List.of(name, ttl);
    }
  }

  @Command(name = "environments", mixinStandardHelpOptions = true,
      description = "SELECT * FROM sys.environments ORDER BY name")
  static final class Environments extends StatementCommand {
    @Override
    String sql() {
      return "SELECT * FROM sys.environments ORDER BY name";
    }

    @Override
    List<Object> parameters() {
      return List.of();
    }
  }
}
