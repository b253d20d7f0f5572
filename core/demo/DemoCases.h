#pragma once

#include "cases/CaseService.h"
#include "cases/CaseTypes.h"
#include "common/Result.h"

#include <QByteArray>
#include <QDate>
#include <QStringList>

#include <functional>
#include <memory>
#include <random>
#include <vector>

namespace claimdesk::core {

class Vault;

// One fictional case as the generator makes it: what CaseService::create takes (its stage included), plus
// what a case gathers later (notes, tasks, a supervisor's safeguarding action, people named on a restricted
// case).
struct DemoCase {
    NewCase input;
    QDate closedOn;
    QString outcome;
    bool safeguardingAlert = false;
    QString safeguardingAction;
    std::vector<Note> notes;
    std::vector<Task> tasks;  // `done` tasks are written as done by the fee earner
    QStringList namedUsers;  // given access to a restricted case
};

// Deterministic fictional case data: the same seed always gives the same cases, in the same order, on
// every platform (std::mt19937 and our own integer mapping; no std::*_distribution, whose output differs
// between standard libraries). Every person, institution and town is invented: names are common first
// names and surnames combined at random, institutions are made-up towns or saints with a kind of place
// ("Northfield Children's Home", "St Aldric's School"), and accounts are a few neutral sentences.
// Dates are fixed (cases opened 2015–2025), never taken from the clock.
class DemoCases {
public:
    // The users the cases are spread over (DemoVault creates them).
    static const QString kSupervisor;
    static const QString kSolicitor;
    static const QString kParalegal;

    explicit DemoCases(quint32 seed);
    ~DemoCases();
    DemoCases(const DemoCases&) = delete;
    DemoCases& operator=(const DemoCases&) = delete;

    DemoCase next();

    // Writes `count` cases into the vault in one transaction with one `demo.generate` audit entry, through
    // a bulk path that fills the same tables as CaseService::create (clients, cases, incidents, parties,
    // notes, tasks, access lists, the case_search index and the reference sequences) with prepared
    // statements reused across rows. The signed-in user must be allowed to open cases.
    // 100,000 cases take seconds; CaseService::create per case would take minutes (see ARCHITECTURE.md).
    static Result<int> write(Vault& vault, int count, quint32 seed);
    // The same, for cases made beforehand (tests compare the bulk path with CaseService::create).
    static Result<int> write(Vault& vault, const std::vector<DemoCase>& cases);

    // `rows` fictional cases as a CSV file in CaseImport's format, fee earners among the demo users.
    static QByteArray importCsv(int rows, quint32 seed);

private:
    struct Pools;
    static Result<int> writeEach(Vault& vault, int count, quint32 seed, const std::function<DemoCase(int)>& caseAt);
    std::size_t institutionIndex();
    QString surname();
    quint32 pick(quint32 n);
    bool chance(int percent);

    std::mt19937 m_rng;
    std::unique_ptr<Pools> m_pools;
    int m_index = 0;
};

}  // namespace claimdesk::core
