package dev.syncengine.servlet;

import dev.syncengine.servlet.internal.Pbkdf2;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Prints the hash to configure as the admin password ({@link AdminSecurity.Builder#passwordHash}).
 * Reads the password from the first line of standard input (or asks for it on a terminal), so it
 * never appears in the shell history or the process list.
 *
 * <pre>{@code
 * java -cp sync-servlet.jar dev.syncengine.servlet.HashPassword < password.txt
 * }</pre>
 */
public final class HashPassword {
  private HashPassword() {}

  public static void main(String[] args) throws IOException {
    char[] password;
    Console console = System.console();
    if (console != null) {
      password = console.readPassword("Admin password: ");
    } else {
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      String line = in.readLine();
      password = line == null ? new char[0] : line.toCharArray();
    }
    if (password == null || password.length == 0) {
      System.err.println("no password given on standard input");
      System.exit(2);
      return;
    }
    try {
      System.out.println(Pbkdf2.hash(password, Pbkdf2.DEFAULT_ITERATIONS));
    } finally {
      Arrays.fill(password, '\0');
    }
  }
}
