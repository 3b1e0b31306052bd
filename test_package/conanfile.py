"""Conan 2 test_package: builds test_package/CMakeLists.txt against the package just created
and runs it (`conan create .` does this automatically, `conan test test_package <ref>` on demand).
"""

import os

from conan import ConanFile
from conan.tools.build import can_run
from conan.tools.cmake import CMake, cmake_layout


class TabulaTestPackageConan(ConanFile):
    settings = "os", "arch", "compiler", "build_type"
    # CMakeToolchain puts tabula's package CMake directory (its builddirs) on CMAKE_PREFIX_PATH.
    # CMakeDeps generates nothing for tabula itself (cmake_find_mode "none"); it is here for
    # Boost, nlohmann_json and sqlite3 when those are real Conan packages rather than
    # [platform_requires], so that tabulaConfig.cmake's find_dependency() calls find them.
    generators = "CMakeToolchain", "CMakeDeps"

    def requirements(self):
        self.requires(self.tested_reference_str)

    def layout(self):
        cmake_layout(self)

    def build(self):
        cmake = CMake(self)
        cmake.configure()
        cmake.build()

    def test(self):
        if can_run(self):
            self.run(os.path.join(self.cpp.build.bindir, "tabula_test_package"), env="conanrun")
