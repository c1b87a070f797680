package dev.envsweep.server;

import static dev.envsweep.server.Main.ERROR;
import static dev.envsweep.server.Main.OK;
import static dev.envsweep.server.Main.ROWS_WITH_PROBLEMS;

import dev.envsweep.core.config.ConfigException;
import dev.envsweep.server.pg.QueryText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a script's statements one by one on one connection, split as psql splits them ({@link QueryText}). A
 * failed statement is one line on stderr, {@code envsweep: FILE: statement at line 3: MESSAGE (SQLSTATE 42601)}, with any
 * {@code line L, column C} in the message made relative to the script; the statements after it are not run
 * unless {@code --continue-on-error}. Exit 1 if any statement failed, else 2 for FAILED or WARNING rows, else 0.
 */
final class ScriptRunner {
  /** How parsers name a position in a statement (Calcite: "at line 2, column 5"). */
  private static final Pattern POSITION = Pattern.compile("line (\\d+), column (\\d+)");
  /** Avatica's remote driver puts "Error 0 (42601) : " before a server's message. */
  private static final Pattern AVATICA_PREFIX = Pattern.compile("^Error -?\\d+ \\(\\w+\\) : ");
  /** ... and "Remote driver error: " before the message of a server-side SQLException. */
  private static final String REMOTE_PREFIX = "Remote driver error: ";

  private final Target target;
  private final ScriptOptions options;
  private final Path file;

  ScriptRunner(Target target, ScriptOptions options, Path file) {
    this.target = target;
    this.options = options;
    this.file = file;
  }

  int run() {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return Main.fail("cannot read script " + file + ": " + e.getMessage());
    }
    List<QueryText.Piece> statements = QueryText.split(text);
    OutputOptions output = options.output;
    RowPrinter printer = RowPrinter.of(output, System.out, System.err);
    Summary summary = new Summary("run " + file.getFileName());
    long start = System.nanoTime();
    boolean failed = false;
    boolean opened = false;
    try (Connection c = Connections.open(target, output.verbose)) {
      opened = true;
      for (int i = 0; i < statements.size(); i++) {
        QueryText.Piece piece = statements.get(i);
        int[] at = position(text, piece.offset());
        Connections.note(output.verbose, file.getFileName() + ": line " + at[0] + ": " + piece.sql());
        try (Statement s = c.createStatement()) {
          if (s.execute(piece.sql())) {
            try (ResultSet rs = s.getResultSet()) {
              Results.stream(rs, printer, summary, Progress.NONE);
            }
          }
          summary.statement(false);
        } catch (SQLException | RuntimeException e) {
          failed = true;
          summary.statement(true);
          System.err.println("envsweep: " + file.getFileName() + ": statement at line " + at[0] + ": "
              + oneLine(e, piece, at));
          if (!options.continueOnError) {
            summary.notRun(statements.size() - i - 1);
            break;
          }
        }
      }
    } catch (ConfigException e) {
      return Main.fail(e.getMessage());
    } catch (SQLException e) {
      if (!opened) {
        return Main.fail(e);
      }
      // Closing the connection failed after the script ran; the script's outcome stands.
    } catch (RuntimeException e) {
      if (!opened) {
        return Main.fail(String.valueOf(e.getMessage()));
      }
    }
    int exit = failed ? ERROR : summary.problems() ? ROWS_WITH_PROBLEMS : OK;
    summary.finish((System.nanoTime() - start) / 1_000_000, exit, null);
    printer.summary(summary);
    System.out.flush();
    return exit;
  }

  /** 1-based line and column of a character offset. */
  static int[] position(String text, int offset) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new int[] {line, offset - lineStart + 1};
  }

  /** The error's first line, Avatica's wrapping removed, positions made script-relative, and its SQLSTATE. */
  static String oneLine(Exception e, QueryText.Piece piece, int[] at) {
    String message = String.valueOf(e.getMessage()).strip();
    message = AVATICA_PREFIX.matcher(message).replaceFirst("");
    String wrapper = "Error while executing SQL \"" + piece.sql() + "\": ";
    if (message.startsWith(wrapper)) {
      message = message.substring(wrapper.length());
    }
    if (message.startsWith(REMOTE_PREFIX)) {
      message = message.substring(REMOTE_PREFIX.length());
    }
    int newline = message.indexOf('\n');
    if (newline >= 0) {
      message = message.substring(0, newline).strip();
    }
    Matcher m = POSITION.matcher(message);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      int line = Integer.parseInt(m.group(1));
      int column = Integer.parseInt(m.group(2));
      int scriptLine = at[0] + line - 1;
      int scriptColumn = line == 1 ? at[1] + column - 1 : column;
      m.appendReplacement(sb, "line " + scriptLine + ", column " + scriptColumn);
    }
    m.appendTail(sb);
    String state = e instanceof SQLException s ? s.getSQLState() : null;
    return sb + (state == null ? "" : " (SQLSTATE " + state + ")");
  }
}
