#pragma once

#include "cases/CaseService.h"
#include "common/Result.h"

#include <QByteArray>
#include <QDate>
#include <QSet>
#include <QString>
#include <QStringList>

#include <vector>

namespace claimdesk::core {

class Vault;

// One record of a CSV file and the line (1-based) where it starts: a quoted field may span lines.
struct CsvRecord {
    int line = 0;
    QStringList fields;
};

struct CsvDocument {
    CsvRecord header;
    std::vector<CsvRecord> records;
    QStringList problems;  // "line N: problem" for malformed quoting or text that is not UTF-8
};

// RFC 4180: comma-separated, fields quoted with '"' may hold commas, line breaks and doubled quotes;
// records end with CRLF or LF (a lone CR inside a quoted field is kept). UTF-8, a leading BOM is skipped,
// blank lines are ignored. The first record is the header.
class Csv {
public:
    static CsvDocument parse(const QByteArray& utf8);
    // One record, quoted where needed, ending with CRLF (RFC 4180's line break).
    static QString formatRecord(const QStringList& fields);

    // Spreadsheet formula injection: a cell that starts with =, +, -, @, a tab or a carriage return could be run
    // as a formula by the program that opens the file. neutraliseFormula() puts a single quote in front of it
    // (shown as text, never evaluated); withoutFormulaGuard() takes that quote off again on import, so an
    // exported file imports as it was.
    static QString neutraliseFormula(const QString& field);
    static QString withoutFormulaGuard(const QString& field);
    // formatRecord() of the neutralised fields: what an export writes.
    static QString formatSafeRecord(const QStringList& fields);
    // UTF-8 with a byte order mark (so spreadsheet programs read the accents right; the parser skips it).
    static QByteArray utf8WithBom(const QString& text);
};

// A problem with one cell of an import file, printed as "line N: column: problem".
struct ImportProblem {
    int line = 0;
    QString column;
    QString problem;

    QString toString() const;
};

// One valid row, ready for CaseService::create (its stage in input.stage).
struct ImportRow {
    int line = 0;
    NewCase input;
};

struct ImportReport {
    bool dryRun = false;
    int rows = 0;  // data rows in the file
    std::vector<ImportProblem> problems;  // not empty: the whole file was rejected and nothing was written
    QStringList references;  // the cases created, in file order
    double seconds = 0;  // validating and writing

    bool accepted() const { return problems.empty(); }
    QStringList problemLines() const;
};

// Imports cases from CSV with the columns in CaseImport::columns(). The file is checked completely
// before anything is written, and every problem is listed; any problem rejects the whole file. The
// import is one transaction (CaseService::create per row, nested as savepoints) and one `cases.import`
// audit entry, so a failure part-way leaves the vault as it was.
class CaseImport {
public:
    explicit CaseImport(Vault& vault);

    // client_name, preferred_name, former_names, date_of_birth, stage, fee_earner, abuser_names,
    // institution_names, abuse_types, incident_start, incident_end, incident_precision, region, account.
    static const QStringList& columns();
    // The columns an export writes: all but `account`, which is the one optional column on import.
    static const QStringList& exportColumns();

    // Pure: parses and checks a file. `today` bounds dates of birth and incidents; `feeEarners` are the
    // usernames that may carry cases (an empty cell means the importing user).
    struct Checked {
        int rows = 0;
        std::vector<ImportRow> valid;
        std::vector<ImportProblem> problems;
    };
    static Checked check(const QByteArray& csv, const QDate& today, const QSet<QString>& feeEarners);

    // Checks, and unless `dryRun` writes, the file. A rejected file is a report with problems, not an
    // error; errors are for the vault (permission, busy, disk full).
    Result<ImportReport> run(const QByteArray& csv, bool dryRun);

private:
    Vault& m_vault;
};

// Writes the cases the signed-in user may open as CSV in the import format (without the account, which
// the CLI never prints), so that an export can be imported again. A case with several incidents exports
// its first (earliest) one. Every cell that a spreadsheet could run as a formula is neutralised
// (Csv::neutraliseFormula), and the file is UTF-8 with a byte order mark. Never overwrites a file; recorded
// as `cases.export` in the audit log.
class CaseExport {
public:
    explicit CaseExport(Vault& vault);

    struct Report {
        int cases = 0;
        int skippedRestricted = 0;  // restricted cases this user may not open
    };
    Result<Report> toFile(const QString& path);
    // The CSV text (header and rows) for the cases the user may open.
    Result<QString> toCsv(Report* report = nullptr);

private:
    Vault& m_vault;
};

}  // namespace claimdesk::core
