-- The seed's 対象ア example, POSTed to /api/v1/eligibility/practical-training (docs/benchmarks.md).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"lecture_start":"2022-06-06","applicant":{"target":"a","consultation":{"category":"e","completed_on":"2019-12-15"},"basic":{"category":"g","completed_on":"2019-11-02"},"ojt_start":"2019-12-16","ojt_end":"2022-05-31","working_days":541,"direct_support":true,"leave_periods":[{"start":"2020-12-01","end":"2021-03-31"}]}}'
