import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

/** Prints the number the query (args[1]) gives on the SQLite database args[0]; used by test-plugin.sh. */
public class SqliteCount {
    public static void main(String[] args) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + args[0]);
                ResultSet result = db.createStatement().executeQuery(args[1])) {
            result.next();
            System.out.println(result.getLong(1));
        }
    }
}
