#include "app/export_command.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <fstream>
#include <future>

#include "api/download.hpp"
#include "api/report_builder.hpp"
#include "app/commands.hpp"
#include "app/system_clock.hpp"
#include "domain/object_id.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "storage/storage_error.hpp"

namespace admit {
namespace {

// What one export produced before it is written: the file and how many data rows it holds.
struct Rendered {
  Download file;
  std::size_t sheets = 0;
  std::size_t rows = 0;
};

// Runs `fn` as a read job and waits for it (command-line use: nothing else runs here).
template <class F>
auto read_now(Database& db, F fn) -> std::invoke_result_t<F&, UnitOfWork&> {
  using T = std::invoke_result_t<F&, UnitOfWork&>;
  std::optional<T> out;
  std::promise<void> done;
  db.read(StorageJob{[&](UnitOfWork& uow) {
                       out.emplace(fn(uow));
                       return true;
                     },
                     [&](std::exception_ptr e) {
                       if (e) {
                         done.set_exception(e);
                       } else {
                         done.set_value();
                       }
                     }});
  done.get_future().get();
  return std::move(*out);
}

Rendered render(const std::vector<Table>& tables, FileFormat format, std::string_view base) {
  Rendered out{render_download(tables, format, base), tables.size(), 0};
  for (const auto& t : tables)
    out.rows += t.rows.size();
  return out;
}

// The tables of the requested export, or an error message.
Result<Rendered> build(Database& db, const ExportOptions& options, FileFormat format, TimePoint now) {
  const std::string& id = options.session_id;
  if (options.report == "attendance") {
    AttendanceFilter filter;
    if (!id.empty()) filter.session_id = id;
    PageRequest order;  // the report's default order: newest created first
    auto rows = read_now(db, [&](UnitOfWork& uow) { return all_attendance(uow, filter, order); });
    return render({attendance_table(rows)}, format, attendance_file_base(now));
  }
  if (options.report == "sessions-sheets") {
    auto rows = read_now(db, [&](UnitOfWork& uow) { return uow.sessions().sheets(kSessionsSheetsLimit); });
    return render({sessions_sheets_table(rows)}, format, sessions_sheets_file_base(now));
  }
  if (options.report == "session-report") {
    auto report = read_now(db, [&](UnitOfWork& uow) { return load_session_report(uow, id); });
    if (!report) return report.error();
    return render({session_report_table(*report)}, format, session_report_file_base(id, now));
  }
  auto data = read_now(db, [&](UnitOfWork& uow) { return load_session_export(uow, id); });
  if (!data) return data.error();
  return render(session_export_tables(*data), format, session_export_file_base(data->session, now));
}

}  // namespace

int run_export(const Config& config, const ExportOptions& options) {
  bool needs_session = options.report == "session-report" || options.report == "session";
  if (needs_session && options.session_id.empty()) {
    spdlog::critical("export {}: --session is required", options.report);
    return kExitConfig;
  }
  if (!options.session_id.empty() && !is_object_id(options.session_id)) {
    spdlog::critical("export: --session must be 24 hexadecimal digits, not \"{}\"", options.session_id);
    return kExitConfig;
  }
  // Opening would create an empty store; exporting from a wrong directory should say so instead.
  if (!std::filesystem::exists(config.database_file())) {
    spdlog::critical("no admit data in {} (looked for {})", config.data_dir.string(), config.database_file().string());
    return kExitData;
  }
  FileFormat format = options.format == "csv" ? FileFormat::kCsv : FileFormat::kXlsx;
  SystemClock clock;
  std::optional<Result<Rendered>> result;
  try {
    SqliteDatabase db(SqliteOptions{config.database_file(), 1, 512, nullptr});
    result = build(db, options, format, clock.now());
    db.shutdown();
  } catch (const StorageError& e) {
    spdlog::critical("cannot read data file {}: {}", config.database_file().string(), e.what());
    return kExitData;
  }
  if (!*result) {
    spdlog::error("export {}: {}", options.report, result->error().message);
    return kExitFailure;
  }
  const Rendered& done = result->value();
  auto path = options.output.empty() ? std::filesystem::path(done.file.filename) : options.output;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << done.file.bytes;
  out.close();
  if (!out) {
    spdlog::critical("cannot write {}", path.string());
    return kExitFailure;
  }
  // The summary is the command's output (stdout), not a log line.
  fmt::print("wrote {} to {}: {} sheet{}, {} row{}, {} bytes\n", options.report, path.string(), done.sheets,
             done.sheets == 1 ? "" : "s", done.rows, done.rows == 1 ? "" : "s", done.file.bytes.size());
  return kExitOk;
}

}  // namespace admit
