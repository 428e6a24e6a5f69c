// Every test starts from a reset mock port; see tinycapi_test.hpp for the end-of-test checks.
#include <gtest/gtest.h>
#include <tinycapi/port_mock.h>

namespace {

class MockPortEnvironment : public ::testing::Environment {
public:
    void SetUp() override { tinycapi_mock_reset(0x7153'2024'0001ull); }
};

const ::testing::Environment *const registered = ::testing::AddGlobalTestEnvironment(new MockPortEnvironment);

}  // namespace
