"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const core_1 = require("@cloud-carbon-footprint/core");
const VirtualMachineTypes_1 = require("./VirtualMachineTypes");
const AzureRegions_1 = require("./AzureRegions");
const common_1 = require("@cloud-carbon-footprint/common");
const RESOURCE_GROUP_TAG_NAME = 'resourceGroup';
const unknownAzureRegions = [];
class ConsumptionDetailRow extends core_1.BillingDataRow {
    constructor(usageDetail) {
        const consumptionDetails = getConsumptionDetails(usageDetail);
        super(consumptionDetails);
        this.usageType = this.parseUsageType();
        this.seriesName = this.getSeriesFromInstanceType();
        this.vCpuHours = this.usageAmount * this.getVCpus();
        this.gpuHours = this.usageAmount * this.getGpus();
        this.region = this.getRegionFromResourceLocation();
        this.tags = {};
        const tagNames = (0, common_1.configLoader)()?.AZURE?.RESOURCE_TAG_NAMES ?? [];
        for (const resourceTagName of tagNames) {
            if (usageDetail?.tags?.[resourceTagName]) {
                this.tags[resourceTagName] = usageDetail.tags[resourceTagName];
            }
        }
        if (tagNames.includes(RESOURCE_GROUP_TAG_NAME)) {
            this.tags.resourceGroup = usageDetail.resourceGroup;
        }
    }
    getVCpus() {
        return (VirtualMachineTypes_1.VIRTUAL_MACHINE_TYPE_SERIES_MAPPING[this.seriesName]?.[this.usageType]?.[0] ||
            VirtualMachineTypes_1.VIRTUAL_MACHINE_TYPE_VCPU_MEMORY_MAPPING[this.usageType]?.[0] ||
            VirtualMachineTypes_1.VIRTUAL_MACHINE_TYPE_CONSTRAINED_VCPU_CAPABLE_MAPPING[this.usageType]?.[0] ||
            1);
    }
    getGpus() {
        return VirtualMachineTypes_1.GPU_VIRTUAL_MACHINE_TYPES[this.usageType] || 1;
    }
    getRegionFromResourceLocation() {
        for (const region of Object.values(AzureRegions_1.AZURE_REGIONS)) {
            if (region.name === this.region || region.options.includes(this.region)) {
                return region.name;
            }
        }
        if (!unknownAzureRegions.includes(this.region)) {
            new common_1.Logger('AzureRegions').warn(`Found unknown azure region '${this.region}', please add it to the AzureRegions.ts file and submit a PR, thank you!`);
            unknownAzureRegions.push(this.region);
        }
        return AzureRegions_1.AZURE_REGIONS.UNKNOWN.name;
    }
    parseUsageType() {
        if (this.usageType.includes('Spot'))
            return this.usageType.replace(' Spot', '');
        if (this.usageType.includes('/'))
            return this.usageType.split('/')[0];
        return this.usageType;
    }
    getSeriesFromInstanceType() {
        let matchingSeriesName = '';
        for (const seriesName in VirtualMachineTypes_1.VIRTUAL_MACHINE_TYPE_SERIES_MAPPING) {
            if (VirtualMachineTypes_1.VIRTUAL_MACHINE_TYPE_SERIES_MAPPING[seriesName].hasOwnProperty(this.usageType)) {
                matchingSeriesName = seriesName;
            }
        }
        return matchingSeriesName;
    }
}
exports.default = ConsumptionDetailRow;
const getConsumptionDetails = (usageDetail) => {
    const consumptionDetails = {
        cloudProvider: 'AZURE',
        accountName: usageDetail.subscriptionName,
        timestamp: new Date(usageDetail.date),
        usageAmount: usageDetail.quantity,
        region: usageDetail.resourceLocation,
    };
    if (usageDetail.kind === 'modern') {
        return {
            ...consumptionDetails,
            accountId: usageDetail.subscriptionGuid,
            usageType: usageDetail.meterName,
            usageUnit: usageDetail.unitOfMeasure,
            serviceName: usageDetail.meterCategory,
            cost: usageDetail.costInUSD,
        };
    }
    else {
        return {
            ...consumptionDetails,
            accountId: usageDetail.id,
            usageType: usageDetail.meterDetails.meterName,
            usageUnit: usageDetail.meterDetails.unitOfMeasure,
            serviceName: usageDetail.meterDetails.meterCategory,
            cost: usageDetail.cost,
        };
    }
};
