"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.AZURE_CLOUD_CONSTANTS = exports.AZURE_EMISSIONS_FACTORS_METRIC_TON_PER_KWH = void 0;
var AzureFootprintEstimationConstants_1 = require("./AzureFootprintEstimationConstants");
Object.defineProperty(exports, "AZURE_EMISSIONS_FACTORS_METRIC_TON_PER_KWH", { enumerable: true, get: function () { return AzureFootprintEstimationConstants_1.AZURE_EMISSIONS_FACTORS_METRIC_TON_PER_KWH; } });
Object.defineProperty(exports, "AZURE_CLOUD_CONSTANTS", { enumerable: true, get: function () { return AzureFootprintEstimationConstants_1.AZURE_CLOUD_CONSTANTS; } });
