"""Conan 2 test_package: builds test_package/CMakeLists.txt against the package just created
and runs it (`conan create .` does this automatically, `conan test test_package <ref>` on demand).
"""

import os

from conan import ConanFile
from conan.tools.build import can_run
from conan.tools.cmake import CMake, CMakeDeps, CMakeToolchain, cmake_layout


class TabulaTestPackageConan(ConanFile):
    settings = "os", "arch", "compiler", "build_type"
    test_type = "explicit"

    def requirements(self):
        self.requires(self.tested_reference_str)

    def layout(self):
        cmake_layout(self)

    def generate(self):
        # CMakeDeps writes tabula-config.cmake (and those of its dependencies) from the recipe's
        # package_info(); the toolchain points find_package() at them.
        CMakeDeps(self).generate()
        toolchain = CMakeToolchain(self)
        # The backends the package was configured with are compiled and linked too.
        options = self.dependencies["tabula"].options
        toolchain.cache_variables["TABULA_TEST_POSTGRES"] = bool(options.with_postgresql)
        toolchain.cache_variables["TABULA_TEST_MYSQL"] = bool(options.with_mysql)
        toolchain.generate()

    def build(self):
        cmake = CMake(self)
        cmake.configure()
        cmake.build()

    def test(self):
        if can_run(self):
            self.run(os.path.join(self.cpp.build.bindir, "tabula_test_package"), env="conanrun")
