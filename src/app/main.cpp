#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include <cstdlib>

#include "app/commands.hpp"
#include "app/config.hpp"
#include "app/export_command.hpp"
#include "app/import_command.hpp"
#include "app/json_log_formatter.hpp"
#include "app/maintenance_commands.hpp"
#include "app/sio_echo.hpp"
#include "app/user_command.hpp"

int main(int argc, char** argv) {
  admit::Config config;
  bool force = false;
  admit::ExportOptions export_options;
  admit::ImportCommand import_command;
  admit::UserCommand user_command;
  std::filesystem::path maintenance_file;  // backup, restore, check

  CLI::App app{"admit: event registration and check-in"};
  app.require_subcommand(1);
  app.set_version_flag("--version", ADMIT_VERSION);

  auto add_common = [&](CLI::App* cmd) {
    cmd->add_option("--data", config.data_dir, "Data directory (SQLite store)")->envname("ADMIT_DATA");
    cmd->add_option("--log-level", config.log_level, "trace, debug, info, warn, error")
        ->envname("ADMIT_LOG_LEVEL")
        ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "critical", "off"}));
    cmd->add_option("--late-threshold-minutes", config.timing.late_threshold_minutes,
                    "Initial late threshold of a new store")
        ->envname("ADMIT_LATE_THRESHOLD_MINUTES");
    cmd->add_option("--auto-open-minutes-before", config.timing.auto_open_minutes_before,
                    "Initial auto-open window of a new store")
        ->envname("ADMIT_AUTO_OPEN_MINUTES_BEFORE");
    cmd->add_option("--auto-end-grace-minutes", config.timing.auto_end_grace_minutes,
                    "Initial auto-end grace of a new store")
        ->envname("ADMIT_AUTO_END_GRACE_MINUTES");
    cmd->add_option("--scheduler-interval-ms", config.timing.scheduler_interval_ms, "Scheduler period")
        ->envname("ADMIT_SCHEDULER_INTERVAL_MS");
  };

  auto* serve = app.add_subcommand("serve", "Run the HTTP server");
  add_common(serve);
  serve->add_option("--host", config.host, "Address to listen on")->envname("ADMIT_HOST");
  serve->add_option("--port", config.port, "Port to listen on (0: any free port)")->envname("ADMIT_PORT");
  serve->add_option("--threads", config.threads, "I/O threads (0: one per core, less one for storage)")
      ->envname("ADMIT_THREADS");
  serve->add_flag("--dev-reset", config.dev_reset, "Expose POST /api/v1/_dev/reset (deletes all data)")
      ->envname("ADMIT_DEV_RESET");
  serve->add_flag("--seed-demo", config.seed_demo, "Seed the demo event when the store is empty")
      ->envname("ADMIT_SEED_DEMO");
  serve
      ->add_option_function<std::string>(
          "--auth", [&config](const std::string& v) { config.auth = v == "on"; },
          "Access control: on (default) or off (every route open; trusted networks only)")
      ->envname("ADMIT_AUTH")
      ->check(CLI::IsMember({"on", "off"}));
  serve->add_flag("--cookie-secure", config.cookie_secure, "Mark the session cookie Secure (serve behind HTTPS)")
      ->envname("ADMIT_COOKIE_SECURE");
  serve
      ->add_option_function<std::string>(
          "--rate-limit", [&config](const std::string& v) { config.rate_limit = v == "on"; },
          "Per-client rate limits on the API: on (default) or off")
      ->envname("ADMIT_RATE_LIMIT")
      ->check(CLI::IsMember({"on", "off"}));
  serve->add_option("--rate-limit-short", config.rate_limit_short, "Short window: LIMIT/WINDOW per route and client")
      ->envname("ADMIT_RATE_LIMIT_SHORT")
      ->capture_default_str();
  serve->add_option("--rate-limit-long", config.rate_limit_long, "Long window: LIMIT/WINDOW per route and client")
      ->envname("ADMIT_RATE_LIMIT_LONG")
      ->capture_default_str();
  serve
      ->add_option("--trusted-proxy", config.trusted_proxies,
                   "Proxies whose X-Forwarded-For names the client: CIDR list, 'loopback', 'private'")
      ->envname("ADMIT_TRUSTED_PROXIES");
  serve->add_option("--cors-origin", config.cors_origins, "Origins allowed to call the API from a browser (comma list)")
      ->envname("ADMIT_CORS_ORIGIN")
      ->capture_default_str();
  serve->add_flag("--hsts", config.hsts, "Send Strict-Transport-Security (only when served over HTTPS)")
      ->envname("ADMIT_HSTS");
  serve->add_flag("--test-hooks", config.test_hooks, "Expose the clock and scheduler hooks used by tests")->group("");
  serve
      ->add_option("--web-root", config.web_root,
                   "Directory of the built web UI (default: ../share/admit/web or ../web/dist beside the binary)")
      ->envname("ADMIT_WEB_ROOT");
  serve
      ->add_option("--metrics-address", config.metrics_address,
                   "Also serve GET /metrics without authentication on HOST:PORT (e.g. 127.0.0.1:9464)")
      ->envname("ADMIT_METRICS_ADDRESS");
  serve
      ->add_option_function<std::string>(
          "--access-log", [&config](const std::string& v) { config.access_log = v == "on"; },
          "One JSON line per request at info level: on or off (default on)")
      ->envname("ADMIT_ACCESS_LOG")
      ->check(CLI::IsMember({"on", "off"}));
  serve->add_option("--port-file", config.port_file, "Write the bound port to this file")->group("");
  serve
      ->add_option("--backup-interval-minutes", config.backup_interval_minutes,
                   "Back the store up every N minutes while serving (0: off)")
      ->envname("ADMIT_BACKUP_INTERVAL_MINUTES");
  serve->add_option("--backup-dir", config.backup_dir, "Directory of the periodic backups (default: <data>/backups)")
      ->envname("ADMIT_BACKUP_DIR");
  serve->add_option("--backup-keep", config.backup_keep, "Periodic backups to keep (the oldest are deleted)")
      ->envname("ADMIT_BACKUP_KEEP")
      ->capture_default_str();

  auto* demo = app.add_subcommand("demo", "Seed the demo event into an empty store");
  add_common(demo);
  demo->add_flag("--force", force, "Add the demo event even if the store holds data");

  auto* migrate = app.add_subcommand("migrate", "Bring the store's schema up to date");
  add_common(migrate);

  // Data-file maintenance (docs/operations.md): only the data directory and the log level apply.
  auto add_data = [&](CLI::App* cmd) {
    cmd->add_option("--data", config.data_dir, "Data directory (SQLite store)")->envname("ADMIT_DATA");
    cmd->add_option("--log-level", config.log_level, "trace, debug, info, warn, error")
        ->envname("ADMIT_LOG_LEVEL")
        ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "critical", "off"}));
  };
  auto* backup = app.add_subcommand("backup", "Write a consistent copy of the store (safe while serving)");
  add_data(backup);
  backup->add_option("file", maintenance_file, "File to write, or a directory for admit-<UTC time>.db")->required();
  backup->add_flag("--force", force, "Replace FILE if it exists");
  auto* restore = app.add_subcommand("restore", "Replace the store with a verified backup (server stopped)");
  add_data(restore);
  restore->add_option("file", maintenance_file, "The backup file")->required()->check(CLI::ExistingFile);
  auto* check = app.add_subcommand("check", "Verify the store (or a backup file) without changing it");
  add_data(check);
  check->add_option("file", maintenance_file, "A file to check instead of the store (e.g. a backup)");

  auto* sio_echo = app.add_subcommand("sio-echo", "Engine.IO/Socket.IO conformance server (no data, no API)");
  sio_echo->add_option("--host", config.host, "Address to listen on");
  sio_echo->add_option("--port", config.port, "Port to listen on (0: any free port)");
  sio_echo->add_option("--port-file", config.port_file, "Write the bound port to this file")->group("");

  auto* export_cmd = app.add_subcommand("export", "Write a report or a session export to a file");
  add_common(export_cmd);
  export_cmd->add_option("report", export_options.report, "attendance, session-report, sessions-sheets or session")
      ->required()
      ->check(CLI::IsMember({"attendance", "session-report", "sessions-sheets", "session"}));
  export_cmd->add_option("--format", export_options.format, "xlsx or csv")
      ->check(CLI::IsMember({"xlsx", "csv"}))
      ->capture_default_str();
  export_cmd->add_option("--session", export_options.session_id,
                         "Session id (session-report, session; filters attendance)");
  export_cmd->add_option("--output", export_options.output, "File to write (default: the download's file name)");

  auto* import = app.add_subcommand("import", "Import data from a spreadsheet");
  import->require_subcommand(1);
  auto* import_participants =
      import->add_subcommand("participants", "Create participants from an .xlsx or CSV file (name, email, ...)");
  add_common(import_participants);
  import_participants->add_option("file", import_command.file, "The .xlsx or .csv file")
      ->required()
      ->check(CLI::ExistingFile);
  import_participants->add_option("--session", import_command.session_id,
                                  "Also register everyone for this session (confirmed)");
  import_participants->add_flag("--dry-run", import_command.dry_run,
                                "Report what the import would do without writing anything");

  auto* user = app.add_subcommand("user", "Manage accounts in the data directory (also while the server runs)");
  user->require_subcommand(1);
  auto add_user_data = [&](CLI::App* cmd) {
    cmd->add_option("--data", config.data_dir, "Data directory (SQLite store)")->envname("ADMIT_DATA");
    cmd->add_option("--log-level", config.log_level, "trace, debug, info, warn, error")
        ->envname("ADMIT_LOG_LEVEL")
        ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "critical", "off"}));
  };
  auto add_password_stdin = [&](CLI::App* cmd) {
    cmd->add_flag("--password-stdin", user_command.password_stdin,
                  "Read the password from the first line of standard input (else ADMIT_PASSWORD, else a prompt)");
  };
  auto* user_add = user->add_subcommand("add", "Create an account");
  add_user_data(user_add);
  user_add->add_option("name", user_command.name, "Username")->required();
  user_add->add_option("--role", user_command.role, "viewer, staff or admin")
      ->required()
      ->check(CLI::IsMember({"viewer", "staff", "admin"}));
  add_password_stdin(user_add);
  auto* user_list = user->add_subcommand("list", "List the accounts");
  add_user_data(user_list);
  auto* user_remove = user->add_subcommand("remove", "Delete an account and revoke its tokens");
  add_user_data(user_remove);
  user_remove->add_option("name", user_command.name, "Username")->required();
  auto* user_passwd = user->add_subcommand("passwd", "Set an account's password and revoke its tokens");
  add_user_data(user_passwd);
  user_passwd->add_option("name", user_command.name, "Username")->required();
  add_password_stdin(user_passwd);

  CLI11_PARSE(app, argc, argv);
  admit::setup_logging(config.log_level);
  // Environment only: a token on the command line would be visible to every local user.
  if (const char* token = std::getenv("ADMIT_ADMIN_TOKEN"); token != nullptr) config.admin_token = token;
  if (auto problem = admit::validate(config); !problem.empty()) {
    spdlog::critical("configuration: {}", problem);
    return admit::kExitConfig;
  }
  if (serve->parsed()) return admit::run_serve(config);
  if (sio_echo->parsed()) return admit::run_sio_echo(config.host, config.port, config.port_file);
  if (demo->parsed()) return admit::run_demo(config, force);
  if (import_participants->parsed()) return admit::run_import_participants(config, import_command);
  if (user_add->parsed()) return admit::run_user_add(config, user_command);
  if (user_list->parsed()) return admit::run_user_list(config);
  if (user_remove->parsed()) return admit::run_user_remove(config, user_command);
  if (user_passwd->parsed()) return admit::run_user_passwd(config, user_command);
  if (export_cmd->parsed()) return admit::run_export(config, export_options);
  if (backup->parsed()) return admit::run_backup(config, maintenance_file, force);
  if (restore->parsed()) return admit::run_restore(config, maintenance_file);
  if (check->parsed()) return admit::run_check(config, maintenance_file);
  return admit::run_migrate(config);
}
